/* core/loader.c - lists plugin modules on the search path, opens on demand
 * only those a config or command names (opening runs a module's code), after
 * the checks of trust.c, and checks their descriptors (ABI, size, kind,
 * callbacks). */
#include "config.h"

#include <dirent.h>
#include <dlfcn.h>
#include <errno.h>
#include <ltdl.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "internal.h"

static const char *const build_plugin_dirs[] = {
    "plugins/fetch", "plugins/clean", "plugins/extract", "plugins/summarize",
    "plugins/output",
};

int galley__uninstalled(void)
{
    static int cached = -1;
    if (cached >= 0)
        return cached;
    char exe[4096];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    cached = 0;
    if (n > 0) {
        exe[n] = '\0';
        size_t bl = strlen(GALLEY_BUILDDIR);
        cached = strncmp(exe, GALLEY_BUILDDIR, bl) == 0 && exe[bl] == '/';
    }
    return cached;
}

static void add_dir(galley_registry *r, const char *dir, size_t n)
{
    if (n == 0)
        return;
    for (size_t i = 0; i < r->ndirs; i++)
        if (strlen(r->dirs[i]) == n && strncmp(r->dirs[i], dir, n) == 0)
            return;     /* named twice: once is enough */
    r->dirs = galley__xrealloc(r->dirs, (r->ndirs + 1) * sizeof *r->dirs);
    r->dirs[r->ndirs++] = galley__xstrndup(dir, n);
}

static void add_path_list(galley_registry *r, const char *list)
{
    while (list && *list) {
        const char *c = strchr(list, ':');
        size_t n = c ? (size_t)(c - list) : strlen(list);
        add_dir(r, list, n);
        list = c ? c + 1 : NULL;
    }
}

/* For a .la file, the shared object libtool built (dlname='x.so'), next to
 * it or in .libs/; NULL with the reason in err.  The .la's libdir is never
 * used, and a dlname with a directory part is refused: a module's code comes
 * from its own plugin directory. */
static char *la_shared_object(const char *la, char *err, size_t len)
{
    FILE *f = fopen(la, "r");
    if (!f) {
        snprintf(err, len, "cannot read: %s", strerror(errno));
        return NULL;
    }
    char line[1024], dlname[512] = "";
    while (fgets(line, sizeof line, f))
        if (sscanf(line, "dlname='%511[^']'", dlname) == 1)
            break;
    fclose(f);
    if (!*dlname) {
        snprintf(err, len, "not a libtool module (no dlname)");
        return NULL;
    }
    if (strchr(dlname, '/') || strstr(dlname, "..")) {
        snprintf(err, len, "refused: its dlname '%s' names a file outside the plugin "
                 "directory (a dlname is a bare file name)", dlname);
        return NULL;
    }
    const char *slash = strrchr(la, '/');
    int dl = slash ? (int)(slash - la) : 1;
    const char *dir = slash ? la : ".";
    char *p = galley__xasprintf("%.*s/.libs/%s", dl, dir, dlname);
    if (access(p, F_OK) == 0)
        return p;
    free(p);
    return galley__xasprintf("%.*s/%s", dl, dir, dlname);
}

int galley__plugin_check(const galley_plugin *p, char *err, size_t len)
{
    unsigned major = GALLEY_ABI_MAJOR_OF(p->abi), minor = GALLEY_ABI_MINOR_OF(p->abi);
    if (major != GALLEY_ABI_MAJOR) {
        snprintf(err, len, "was built for galley plugin ABI %u.%u, but this galley has ABI "
                 "%d.%d: rebuild the plugin against this galley's headers",
                 major, minor, GALLEY_ABI_MAJOR, GALLEY_ABI_MINOR);
        return -1;
    }
    if (p->struct_size < offsetof(galley_plugin, close) + sizeof p->close) {
        snprintf(err, len, "has a descriptor of %u bytes, smaller than ABI %u.0 allows: "
                 "rebuild it with GALLEY_PLUGIN()", (unsigned)p->struct_size, major);
        return -1;
    }
    if (p->struct_size > sizeof(galley_plugin)) {
        snprintf(err, len, "was built for galley plugin ABI %u.%u and uses descriptor fields "
                 "this galley (ABI %d.%d) does not know: upgrade galley or rebuild the plugin",
                 major, minor, GALLEY_ABI_MAJOR, GALLEY_ABI_MINOR);
        return -1;
    }
    if (!p->name || !*p->name) {
        snprintf(err, len, "has no name");
        return -1;
    }
    if (p->kind < GALLEY_FETCH || p->kind > GALLEY_OUTPUT) {
        snprintf(err, len, "has an unknown kind %d", (int)p->kind);
        return -1;
    }
    if (p->kind == GALLEY_FETCH ? !p->next : !p->process) {
        snprintf(err, len, "is a %s plugin without a %s() function", galley__kind_name(p->kind),
                 p->kind == GALLEY_FETCH ? "next" : "process");
        return -1;
    }
    for (const galley_option *o = p->options; o && o->type != GALLEY_OPT_END; o++) {
        if (!o->name || o->type > GALLEY_OPT_LIST) {
            snprintf(err, len, "has a malformed option table");
            return -1;
        }
    }
    return 0;
}

/* the shared object to open for m, checked; NULL with m->error set */
static char *trusted_object(galley_module *m)
{
    char err[1024];
    size_t pl = strlen(m->path);
    int is_la = pl > 3 && strcmp(m->path + pl - 3, ".la") == 0;
    if (is_la && galley__trust_file(m->path, err, sizeof err) < 0) {
        m->error = galley__xasprintf("%s: refused: %s", m->path, err);
        return NULL;
    }
    char *so = is_la ? la_shared_object(m->path, err, sizeof err) : galley__xstrdup(m->path);
    if (!so) {
        m->error = galley__xasprintf("%s: %s", m->path, err);
        return NULL;
    }
    if (galley__trust_file(so, err, sizeof err) < 0) {
        m->error = galley__xasprintf("%s: refused: %s", m->path, err);
        free(so);
        return NULL;
    }
    return so;
}

static void load_module(galley_module *m)
{
    char err[512];
    m->tried = 1;
    if (m->shadows)
        galley_warn("plugin module '%s' is in %s and also in %s: using %s, the first on "
                    "the search path (-P, then GALLEY_PLUGIN_PATH, then galley's own)",
                    m->id, m->path, m->shadows, m->path);
    char *so = trusted_object(m);
    if (!so)
        return;
    /* RTLD_NOW first: libltdl's lazy open calls an unresolved symbol "file not
     * found", and a lazy binding would crash later instead */
    dlerror();
    m->dl_handle = dlopen(so, RTLD_NOW | RTLD_LOCAL);
    if (!m->dl_handle) {
        const char *e = dlerror();
        m->error = galley__xasprintf("%s: cannot load: %s", m->path, e ? e : "unknown error");
        free(so);
        return;
    }
    /* the checked object itself, not the .la (whose libdir libltdl would try) */
    m->lt_handle = lt_dlopen(so);
    free(so);
    if (!m->lt_handle) {
        m->error = galley__xasprintf("%s: cannot load: %s", m->path, lt_dlerror());
        return;
    }
    char *sym = galley__xasprintf("%s_LTX_galley_plugin", m->id);
    const galley_plugin *p = lt_dlsym(m->lt_handle, sym);
    free(sym);
    if (!p)
        p = lt_dlsym(m->lt_handle, "galley_plugin");
    if (!p) {
        m->error = galley__xasprintf("%s: no plugin descriptor (%s_LTX_galley_plugin): "
                                     "define the plugin with GALLEY_PLUGIN(%s, ...)",
                                     m->path, m->id, m->id);
        return;
    }
    if (galley__plugin_check(p, err, sizeof err) < 0) {
        m->error = galley__xasprintf("%s: plugin '%s' %s", m->path, m->id, err);
        return;
    }
    m->plugin = p;
}

/* may file id hold plugin name?  id == name, or id is name_SOMETHING (the
 * output plugin html lives in html_digest) */
static int may_hold(const char *id, const char *name)
{
    size_t n = strlen(name);
    return strncmp(id, name, n) == 0 && (id[n] == '\0' || id[n] == '_');
}

void galley__registry_load(galley_registry *r, const char *name)
{
    for (size_t i = 0; i < r->nmods; i++)
        if (!r->mods[i].tried && (strcmp(name, "*") == 0 || may_hold(r->mods[i].id, name)))
            load_module(&r->mods[i]);
}

const char *galley__registry_why(const galley_registry *r, const char *name)
{
    for (size_t i = 0; i < r->nmods; i++)
        if (r->mods[i].tried && r->mods[i].error && may_hold(r->mods[i].id, name))
            return r->mods[i].error;
    return NULL;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static galley_module *have_id(galley_registry *r, const char *id)
{
    for (size_t i = 0; i < r->nmods; i++)
        if (strcmp(r->mods[i].id, id) == 0)
            return &r->mods[i];
    return NULL;
}

/* Lists a directory's modules: X.la, or X.so when there is no X.la */
static void scan_dir(galley_registry *r, const char *dir)
{
    DIR *d = opendir(dir);
    if (!d)
        return;
    char **names = NULL;
    size_t n = 0;
    struct dirent *e;
    while ((e = readdir(d))) {
        size_t l = strlen(e->d_name);
        if (l > 3 && (strcmp(e->d_name + l - 3, ".la") == 0 ||
                      strcmp(e->d_name + l - 3, ".so") == 0)) {
            names = galley__xrealloc(names, (n + 1) * sizeof *names);
            names[n++] = galley__xstrdup(e->d_name);
        }
    }
    closedir(d);
    /* sorted, so X.la comes before X.so */
    qsort(names, n, sizeof *names, cmp_str);
    for (size_t i = 0; i < n; i++) {
        size_t idlen = strlen(names[i]) - 3;
        if (i > 0 && strlen(names[i - 1]) == idlen + 3 && !strncmp(names[i - 1], names[i], idlen))
            continue;   /* X.so after X.la: the same module */
        char *id = galley__xstrndup(names[i], idlen);
        galley_module *first = have_id(r, id);
        if (first) {    /* an earlier directory wins, and says so when opened */
            char *more = galley__xasprintf("%s%s%s/%s", first->shadows ? first->shadows : "",
                                           first->shadows ? " and " : "", dir, names[i]);
            free(first->shadows);
            first->shadows = more;
            free(id);
            continue;
        }
        r->mods = galley__xrealloc(r->mods, (r->nmods + 1) * sizeof *r->mods);
        galley_module *m = &r->mods[r->nmods++];
        memset(m, 0, sizeof *m);
        m->id = id;
        m->path = galley__xasprintf("%s/%s", dir, names[i]);
    }
    for (size_t i = 0; i < n; i++)
        free(names[i]);
    free(names);
}

static int lt_users;

galley_registry *galley__registry_new(const char *const *dirs, size_t ndirs)
{
    if (lt_users++ == 0)
        lt_dlinit();
    galley_registry *r = galley__xcalloc(1, sizeof *r);
    for (size_t i = 0; i < ndirs; i++)
        add_dir(r, dirs[i], strlen(dirs[i]));
    add_path_list(r, getenv("GALLEY_PLUGIN_PATH"));
    if (galley__uninstalled()) {
        for (size_t i = 0; i < sizeof build_plugin_dirs / sizeof *build_plugin_dirs; i++) {
            char *p = galley__xasprintf("%s/%s", GALLEY_BUILDDIR, build_plugin_dirs[i]);
            add_dir(r, p, strlen(p));
            free(p);
        }
    } else {
        add_dir(r, GALLEY_PKGLIBDIR, strlen(GALLEY_PKGLIBDIR));
    }
    for (size_t i = 0; i < r->ndirs; i++)
        scan_dir(r, r->dirs[i]);
    return r;
}

void galley__registry_free(galley_registry *r)
{
    if (!r)
        return;
    for (size_t i = 0; i < r->nmods; i++) {
        galley_module *m = &r->mods[i];
        if (m->lt_handle)
            lt_dlclose(m->lt_handle);
        if (m->dl_handle)
            dlclose(m->dl_handle);
        free(m->path);
        free(m->id);
        free(m->shadows);
        free(m->error);
    }
    for (size_t i = 0; i < r->ndirs; i++)
        free(r->dirs[i]);
    free(r->dirs);
    free(r->mods);
    free(r);
    if (--lt_users == 0)
        lt_dlexit();
}

static int kind_from_name(const char *s, size_t n, galley_kind *k)
{
    for (int i = GALLEY_FETCH; i <= GALLEY_OUTPUT; i++) {
        const char *name = galley__kind_name((galley_kind)i);
        if (strlen(name) == n && strncmp(name, s, n) == 0) {
            *k = (galley_kind)i;
            return 0;
        }
    }
    return -1;
}

static void not_found(const galley_registry *r, const char *name, char *err, size_t len)
{
    /* module file names: suggesting must not open every module */
    const char **names = galley__xmalloc((r->nmods + 1) * sizeof *names);
    size_t n = 0;
    for (size_t i = 0; i < r->nmods; i++)
        names[n++] = r->mods[i].plugin ? r->mods[i].plugin->name : r->mods[i].id;
    const char *near = galley__closest(name, names, n);
    galley_buf dirs = { 0 };
    for (size_t i = 0; i < r->ndirs; i++)
        galley__buf_printf(&dirs, "%s%s", i ? ":" : "", r->dirs[i]);
    if (near)
        snprintf(err, len, "no plugin '%s' (did you mean '%s'?); 'galley plugins' lists them",
                 name, near);
    else
        snprintf(err, len, "no plugin '%s' in the search path %s; 'galley plugins' lists "
                 "them, -P DIR or GALLEY_PLUGIN_PATH adds directories", name,
                 dirs.data ? dirs.data : "(empty)");
    galley__buf_free(&dirs);
    free(names);
}

const galley_module *galley__registry_find(galley_registry *r, const char *ref,
                                           char *err, size_t len)
{
    galley_kind kind = 0;
    const char *name = ref, *slash = strchr(ref, '/');
    if (slash) {
        if (kind_from_name(ref, (size_t)(slash - ref), &kind) < 0) {
            snprintf(err, len, "'%s': '%.*s' is not a stage kind (fetch, clean, extract, "
                     "summarize, output)", ref, (int)(slash - ref), ref);
            return NULL;
        }
        name = slash + 1;
    }
    galley__registry_load(r, name);
    const galley_module *found = NULL;
    galley_buf kinds = { 0 };
    size_t matches = 0;
    for (size_t i = 0; i < r->nmods; i++) {
        const galley_plugin *p = r->mods[i].plugin;
        if (!p || strcmp(p->name, name) != 0 || (kind && p->kind != kind))
            continue;
        if (!found)
            found = &r->mods[i];
        galley__buf_printf(&kinds, "%s'%s/%s'", matches++ ? " or " : "",
                           galley__kind_name(p->kind), name);
    }
    if (matches > 1) {
        snprintf(err, len, "plugin name '%s' is ambiguous: say %s", name, kinds.data);
        galley__buf_free(&kinds);
        return NULL;
    }
    galley__buf_free(&kinds);
    if (found)
        return found;
    /* a module that matches by file name but failed to load says why */
    for (size_t i = 0; i < r->nmods; i++) {
        if (!r->mods[i].plugin && r->mods[i].error && may_hold(r->mods[i].id, name)) {
            snprintf(err, len, "plugin '%s' cannot be used: %s", name, r->mods[i].error);
            return NULL;
        }
    }
    not_found(r, name, err, len);
    return NULL;
}
