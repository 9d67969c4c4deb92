"""bench/snowball.py - libstemmer (Debian libstemmer0d) through ctypes, the
one binding the Python tools share (bench/keyphrases/score.py,
conf/extract/make-df.py): the same stemmers the plugins use.

    from snowball import stemmer
    stem = stemmer('porter')      # or 'english' (Snowball's Porter2)
    stem('running')               # 'run'"""
import ctypes
import ctypes.util

_lib = ctypes.CDLL(ctypes.util.find_library('stemmer') or 'libstemmer.so.0d')
_lib.sb_stemmer_new.restype = ctypes.c_void_p
_lib.sb_stemmer_new.argtypes = [ctypes.c_char_p, ctypes.c_char_p]
_lib.sb_stemmer_stem.restype = ctypes.c_void_p
_lib.sb_stemmer_stem.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_int]
_lib.sb_stemmer_length.argtypes = [ctypes.c_void_p]


def stemmer(algorithm):
    """A function stemming one word (str) with the named Snowball algorithm."""
    handle = _lib.sb_stemmer_new(algorithm.encode('ascii'), b'UTF_8')
    if not handle:
        raise ValueError('libstemmer has no stemmer %r' % algorithm)

    def stem(word):
        b = word.encode('utf-8')
        p = _lib.sb_stemmer_stem(handle, b, len(b))
        return ctypes.string_at(p, _lib.sb_stemmer_length(handle)).decode('utf-8', 'replace')
    return stem
