/* core/main.c - the galley command: a thin shell over libgalley
 * (run, check, plugins, inspect). */
#include "config.h"

#include <getopt.h>
#include <signal.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "internal.h"

#define EXIT_USAGE 2

static const char usage_text[] =
    "Usage: galley COMMAND [OPTIONS] [ARGS]\n"
    "\n"
    "Run text pipelines built from stage plugins (fetch, clean, extract,\n"
    "summarize, output) as a config file says.\n"
    "\n"
    "Commands:\n"
    "  run [PATH]        run the pipeline (PATH replaces the fetch stage's path)\n"
    "  check [FILE]      validate a config and print it with every default\n"
    "  plugins           list the plugins found (name, kind, summary)\n"
    "  inspect PLUGIN    describe a plugin and each of its options\n"
    "  help              this text\n"
    "\n"
    "Options:\n"
    "  -c, --config FILE       pipeline config (default: the bundled default.conf)\n"
    "  -o STAGE.OPTION=VALUE   override an option (repeatable; also workers=N,\n"
    "                          on_error=skip|abort, isolate=true, doc_timeout=S,\n"
    "                          worker_memory=MIB)\n"
    "  -j, --jobs N            worker threads (default: the config's workers;\n"
    "                          0 = one per CPU)\n"
    "  -P, --plugin-dir DIR    search DIR for plugins first (repeatable)\n"
    "      --isolate           run the transforms in worker processes: a crash,\n"
    "                          a hang or a memory blow-up fails one document\n"
    "      --shard K/N         process only shard K of N (the fetch stage's shard)\n"
    "      --state FILE        record what is done in FILE (SQLite): a run that was\n"
    "                          killed resumes, a rerun does only new or changed\n"
    "                          documents (also state = \"FILE\" in the config)\n"
    "      --stats             per-stage counts and time after the run\n"
    "      --progress, --no-progress  progress line on stderr (default: on a TTY)\n"
    "  -q, --quiet             errors only, no summary line\n"
    "  -v, --verbose           more messages (twice for debug)\n"
    "  -h, --help              this text\n"
    "  -V, --version           version and plugin ABI\n"
    "\n"
    "Environment: GALLEY_PLUGIN_PATH (colon-separated plugin directories),\n"
    "GALLEY_CONF (the default config).\n"
    "Exit status: 0 all documents ok, 1 some failed, 2 usage, config or plugin\n"
    "error (nothing ran), 130 interrupted.  See galley(1).\n";

typedef struct cli {
    const char *config;
    const char **overrides;
    size_t noverrides;
    const char **dirs;
    size_t ndirs;
    char *shard;            /* "@fetch.shard=K/N" */
    galley_runopts run;
} cli;

static void add(const char ***v, size_t *n, const char *s)
{
    *v = galley__xrealloc(*v, (*n + 1) * sizeof **v);
    (*v)[(*n)++] = s;
}

static int usage_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static int usage_error(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *msg = galley__xvasprintf(fmt, ap);
    va_end(ap);
    galley__log_line("galley: ", msg);
    fprintf(stderr, "Try 'galley --help'.\n");
    free(msg);
    return EXIT_USAGE;
}

enum { OPT_SHARD = 256, OPT_STATS, OPT_PROGRESS, OPT_NO_PROGRESS, OPT_STATE, OPT_ISOLATE };

static const struct option long_opts[] = {
    { "config", required_argument, NULL, 'c' },
    { "jobs", required_argument, NULL, 'j' },
    { "plugin-dir", required_argument, NULL, 'P' },
    { "shard", required_argument, NULL, OPT_SHARD },
    { "stats", no_argument, NULL, OPT_STATS },
    { "state", required_argument, NULL, OPT_STATE },
    { "isolate", no_argument, NULL, OPT_ISOLATE },
    { "progress", no_argument, NULL, OPT_PROGRESS },
    { "no-progress", no_argument, NULL, OPT_NO_PROGRESS },
    { "quiet", no_argument, NULL, 'q' },
    { "verbose", no_argument, NULL, 'v' },
    { "help", no_argument, NULL, 'h' },
    { "version", no_argument, NULL, 'V' },
    { NULL, 0, NULL, 0 },
};

static int take_shard(cli *c, const char *arg)
{
    unsigned k, n;
    char tail;
    if (sscanf(arg, "%u/%u%c", &k, &n, &tail) != 2 || n == 0 || k == 0 || k > n)
        return usage_error("--shard wants K/N with 1 <= K <= N, not '%s'", arg);
    free(c->shard);
    c->shard = galley__xasprintf("@fetch.shard=%s", arg);
    return -1;
}

/* returns -1 to go on, else an exit status */
static int parse_options(int argc, char **argv, cli *c, const char *optstring)
{
    int ch, verbose = 0;
    char *end;
    while ((ch = getopt_long(argc, argv, optstring, long_opts, NULL)) != -1) {
        switch (ch) {
        case 'c': c->config = optarg; break;
        case 'o': add(&c->overrides, &c->noverrides, optarg); break;
        case 'P': add(&c->dirs, &c->ndirs, optarg); break;
        case 'j':
            c->run.workers = strtol(optarg, &end, 10);
            if (*end || end == optarg || c->run.workers < 0 || c->run.workers > 1024)
                return usage_error("-j wants a number of workers from 0 to 1024, not '%s'",
                                   optarg);
            break;
        case OPT_SHARD:
            if (take_shard(c, optarg) >= 0)
                return EXIT_USAGE;
            break;
        case OPT_STATS: c->run.stats = 1; break;
        case OPT_STATE:
            if (!*optarg)
                return usage_error("%s", "--state wants a FILE");
            c->run.state = optarg;
            break;
        case OPT_ISOLATE: c->run.isolate = 1; break;
        case OPT_PROGRESS: c->run.progress = 1; break;
        case OPT_NO_PROGRESS: c->run.progress = 0; break;
        case 'q': c->run.quiet = 1; galley_log_set_level(GALLEY_LOG_ERROR); break;
        case 'v': galley_log_set_level(++verbose > 1 ? GALLEY_LOG_DEBUG : GALLEY_LOG_INFO); break;
        case 'h': fputs(usage_text, stdout); return 0;
        case 'V':
            printf("galley %s (plugin ABI %d.%d)\n", PACKAGE_VERSION, GALLEY_ABI_MAJOR,
                   GALLEY_ABI_MINOR);
            return 0;
        default:
            fprintf(stderr, "Try 'galley --help'.\n");
            return EXIT_USAGE;
        }
    }
    return -1;
}

static void on_signal(int sig)
{
    (void)sig;
    galley__request_stop();
}

static void install_signals(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sa.sa_flags = SA_RESETHAND;     /* a second Ctrl-C stops at once */
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
}

static int cmd_run(cli *c, int argc, char **argv)
{
    if (argc > 1)
        return usage_error("run takes at most one PATH, got also '%s'", argv[1]);
    char *path_ov = argc == 1 ? galley__xasprintf("@fetch.path=%s", argv[0]) : NULL;
    if (path_ov)
        add(&c->overrides, &c->noverrides, path_ov);
    if (c->shard)
        add(&c->overrides, &c->noverrides, c->shard);
    const char *file = c->config ? c->config : galley__default_config();
    galley_registry *reg = galley__registry_new(c->dirs, c->ndirs);
    galley_pipeline *p = galley__config_load(reg, file, c->overrides, c->noverrides, stderr);
    int rc = EXIT_USAGE;
    if (p) {
        install_signals();
        rc = galley__run(p, &c->run);
    }
    galley__pipeline_free(p);
    galley__registry_free(reg);
    free(path_ov);
    return rc;
}

static int cmd_check(cli *c, int argc, char **argv)
{
    if (argc > 1)
        return usage_error("check wants one config FILE, got also '%s'", argv[1]);
    const char *file = argc ? argv[0] : c->config ? c->config : galley__default_config();
    galley_registry *reg = galley__registry_new(c->dirs, c->ndirs);
    galley_pipeline *p = galley__config_load(reg, file, c->overrides, c->noverrides, stderr);
    if (p)
        galley__config_print(p, stdout);
    int rc = p ? 0 : EXIT_USAGE;
    galley__pipeline_free(p);
    galley__registry_free(reg);
    return rc;
}

static int cmp_plugins(const void *a, const void *b)
{
    const galley_plugin *x = *(const galley_plugin *const *)a;
    const galley_plugin *y = *(const galley_plugin *const *)b;
    if (x->kind != y->kind)
        return (int)x->kind - (int)y->kind;
    return strcmp(x->name, y->name);
}

static int cmd_plugins(cli *c, int argc)
{
    if (argc)
        return usage_error("%s", "plugins takes no arguments");
    galley_registry *reg = galley__registry_new(c->dirs, c->ndirs);
    /* run, check and inspect open only the modules they name; listing needs
     * every descriptor, so this one command opens them all (and says so) */
    galley_buf dirs = { 0 };
    for (size_t i = 0; i < reg->ndirs; i++)
        galley__buf_printf(&dirs, "%s%s", i ? ":" : "", reg->dirs[i]);
    if (!c->run.quiet) {
        char *note = galley__xasprintf("plugins opens every module in %s to read its "
                                       "descriptor (this runs their code; run, check and "
                                       "inspect open only the modules they name)",
                                       dirs.data ? dirs.data : "(no directories)");
        galley__log_line("galley: ", note);
        free(note);
    }
    galley__buf_free(&dirs);
    galley__registry_load(reg, "*");
    const galley_plugin **list = galley__xcalloc(reg->nmods + 1, sizeof *list);
    size_t n = 0;
    for (size_t i = 0; i < reg->nmods; i++) {
        if (reg->mods[i].plugin)
            list[n++] = reg->mods[i].plugin;
        else
            galley_warn("%s", reg->mods[i].error);
    }
    qsort(list, n, sizeof *list, cmp_plugins);
    for (size_t i = 0; i < n; i++)
        printf("%-12s %-10s %s\n", list[i]->name, galley__kind_name(list[i]->kind),
               list[i]->summary ? list[i]->summary : "");
    if (n == 0)
        galley_warn("no plugins found; add directories with -P DIR or GALLEY_PLUGIN_PATH");
    free(list);
    galley__registry_free(reg);
    return 0;
}

static void print_option(const galley_option *o, int width)
{
    printf("  %-*s %-7s", width, o->name, galley__opt_type_word(o->type));
    if (o->flags & GALLEY_OPT_REQUIRED)
        printf(" required");
    else if (o->def)
        printf(" default \"%s\"", o->def);
    else
        printf(" no default");
    if (!(o->min == 0 && o->max == 0)) {
        if (o->type == GALLEY_OPT_STRING || o->type == GALLEY_OPT_LIST)
            printf(", at most %g bytes", o->max);
        else if (o->type == GALLEY_OPT_INT)
            printf(", range %.0f..%.0f", o->min, o->max);
        else
            printf(", range %g..%g", o->min, o->max);
    }
    if (o->choices)
        printf(", one of %s", o->choices);
    if (o->flags & GALLEY_OPT_PATH)
        printf(", a path");
    printf("\n      %s\n", o->help ? o->help : "(undocumented)");
}

static void print_plugin(const galley_module *m)
{
    const galley_plugin *p = m->plugin;
    printf("Plugin %s\n", p->name);
    printf("  kind        %s\n", galley__kind_name(p->kind));
    printf("  summary     %s\n", p->summary ? p->summary : "");
    if (p->version)
        printf("  version     %s\n", p->version);
    if (p->author)
        printf("  author      %s\n", p->author);
    if (p->license)
        printf("  license     %s\n", p->license);
    printf("  module      %s\n", m->path);
    printf("  ABI         built for %u.%u (this galley: %d.%d)\n", GALLEY_ABI_MAJOR_OF(p->abi),
           GALLEY_ABI_MINOR_OF(p->abi), GALLEY_ABI_MAJOR, GALLEY_ABI_MINOR);
    printf("  requires    %s\n", p->requires && *p->requires ? p->requires : "-");
    printf("  provides    %s\n", p->provides && *p->provides ? p->provides : "-");
    size_t n = galley__opt_count(p->options);
    printf("\nOptions (%zu), set in a section %s { ... } or with -o STAGE.OPTION=VALUE:\n",
           n, p->name);
    int width = 16;     /* names line up even when one is long */
    for (size_t i = 0; i < n; i++)
        if ((int)strlen(p->options[i].name) > width)
            width = (int)strlen(p->options[i].name);
    for (size_t i = 0; i < n; i++)
        print_option(&p->options[i], width);
    if (n == 0)
        printf("  (none)\n");
}

static int cmd_inspect(cli *c, int argc, char **argv)
{
    if (argc != 1)
        return usage_error("%s", "inspect wants one PLUGIN name");
    char err[1024];
    galley_registry *reg = galley__registry_new(c->dirs, c->ndirs);
    const galley_module *m = galley__registry_find(reg, argv[0], err, sizeof err);
    if (m)
        print_plugin(m);
    else
        galley__log_line("galley: ", err);
    galley__registry_free(reg);
    return m ? 0 : EXIT_USAGE;
}

static int dispatch(cli *c, const char *cmd, int nargs, char **args)
{
    if (strcmp(cmd, "run") == 0)
        return cmd_run(c, nargs, args);
    if (strcmp(cmd, "check") == 0)
        return cmd_check(c, nargs, args);
    if (strcmp(cmd, "plugins") == 0)
        return cmd_plugins(c, nargs);
    if (strcmp(cmd, "inspect") == 0)
        return cmd_inspect(c, nargs, args);
    if (strcmp(cmd, "help") == 0) {
        fputs(usage_text, stdout);
        return 0;
    }
    return usage_error("unknown command '%s' (run, check, plugins, inspect, help)", cmd);
}

int main(int argc, char **argv)
{
    cli c = { .run = { .progress = -1 } };
    /* options before the command stop at it; after it they may mix with
     * the arguments (galley check FILE -o x.y=z) */
    int rc = parse_options(argc, argv, &c, "+c:o:j:P:qvhV");
    if (rc < 0 && optind >= argc) {
        fputs(usage_text, stderr);
        rc = EXIT_USAGE;
    }
    if (rc < 0) {
        /* options may also follow the command: galley run -j 4 DIR */
        const char *cmd = argv[optind];
        int sub = optind;
        argv[sub] = argv[0];
        optind = 0;     /* 0: glibc re-reads the optstring mode */
        rc = parse_options(argc - sub, argv + sub, &c, "c:o:j:P:qvhV");
        if (rc < 0)
            rc = dispatch(&c, cmd, argc - sub - optind, argv + sub + optind);
    }
    free(c.overrides);
    free(c.dirs);
    free(c.shard);
    return rc;
}
