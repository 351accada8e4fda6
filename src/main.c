/* main.c - command line (SPEC §3): options, --help, --version, exit codes
 * 0 (ok), 1 (input or build error), 2 (usage). No pipeline logic here. */
#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "conf.h"
#include "datadir.h"
#include "pipeline.h"
#include "version.h"

/* --list-templates and --print-template: print, exit 0; 1 on error. */
static int
templates_cmd(const char *datadir, bool list, const char *name)
{
  jb_datadirs dd;
  jb_datadirs_init(&dd, datadir);
  jb_diags d = {.out = stderr};
  jb_buf out = JB_BUF_INIT;
  int rc = 0;
  if (list) {
    jb_list_templates(&dd, &out);
  } else {
    char *path = jb_find_template(&dd, name ? name : "briefing", &d);
    rc = path && jb_conf_print_template(path, &dd, &out, &d) == 0 ? 0 : 1;
    free(path);
  }
  fwrite(out.p, 1, out.n, stdout);
  jb_buf_free(&out);
  jb_diags_free(&d);
  jb_datadirs_free(&dd);
  return rc || fflush(stdout) != 0 ? 1 : 0;
}

static const char usage_text[] =
    "Usage: jianbao [OPTIONS] [SEED_DIR_OR_FILES...]\n"
    "       jianbao --list-templates | --print-template [NAME]\n"
    "Compile scraped Chinese web articles into a briefing PDF.\n"
    "\n"
    "  -o, --output FILE     PDF to write (default out/briefing.pdf); the\n"
    "                        cleaned text goes next to it as .md\n"
    "  -t, --template T      a template file, or the name of one in the data\n"
    "                        folders (default briefing, or briefing-zh-Hant\n"
    "                        with --variant zh-Hant)\n"
    "      --variant V       edition: zh-Hans or zh-Hant (default: the\n"
    "                        template's edition key, zh-Hans if unset)\n"
    "      --json FILE       write the build report as JSON\n"
    "      --strict          fail if any document cannot be compiled\n"
    "      --strict-metadata a document whose title or date was not found is\n"
    "                        an error (skipped; exit status 1)\n"
    "      --guard PERCENT   keep the previous report when the new one has lost\n"
    "                        more than PERCENT of its documents or pages\n"
    "                        (default: the template's guard key, 0 = off)\n"
    "      --no-wait         fail at once if another run is writing the\n"
    "                        output folder (default: wait for it)\n"
    "      --datadir DIR     look for templates, fonts and data in DIR first\n"
    "      --list-templates  list the templates of the data folders\n"
    "      --print-template [NAME]\n"
    "                        print a template (default briefing) with every\n"
    "                        key, file paths made absolute: the start of a\n"
    "                        custom one\n"
    "  -q, --quiet           print errors only\n"
    "  -v, --verbose         print notes too\n"
    "  -h, --help            show this help\n"
    "  -V, --version         show the version\n"
    "\n"
    "Inputs default to seeds/. Folders are read in file-name order.\n"
    "Templates, fonts and data are looked for in this order, each from the\n"
    "first place that has it: --datadir DIR, $JIANBAO_DATADIR, the build tree\n"
    "the binary runs from, " JB_DATADIR ".\n"
    "Exit status: 0 ok, 1 a document or the build failed, 2 usage error.\n";

static int
usage_error(const char *msg, const char *arg)
{
  fprintf(stderr, "jianbao: %s%s%s\n", msg, arg ? ": " : "", arg ? arg : "");
  fputs("Try 'jianbao --help'.\n", stderr);
  return 2;
}

int
main(int argc, char **argv)
{
  static const struct option longopts[] = {
      {"output", required_argument, NULL, 'o'},
      {"template", required_argument, NULL, 't'},
      {"variant", required_argument, NULL, 'W'},
      {"json", required_argument, NULL, 'j'},
      {"strict", no_argument, NULL, 's'},
      {"strict-metadata", no_argument, NULL, 'M'},
      {"guard", required_argument, NULL, 'G'},
      {"no-wait", no_argument, NULL, 'N'},
      {"quiet", no_argument, NULL, 'q'},
      {"verbose", no_argument, NULL, 'v'},
      {"help", no_argument, NULL, 'h'},
      {"version", no_argument, NULL, 'V'},
      {"datadir", required_argument, NULL, 'D'},
      {"list-templates", no_argument, NULL, 'L'},
      {"print-template", no_argument, NULL, 'P'},
      {NULL, 0, NULL, 0},
  };
  jb_options opt;
  memset(&opt, 0, sizeof opt);
  opt.output = "out/briefing.pdf";
  opt.guard = -1;
  opterr = 0;
  bool list = false, print = false;
  int c;
  while ((c = getopt_long(argc, argv, ":o:t:qvhV", longopts, NULL)) != -1) {
    switch (c) {
    case 'o':
      opt.output = optarg;
      break;
    case 't':
      opt.template_path = optarg;
      break;
    case 'W':
      if (!strcmp(optarg, "zh-Hans"))
        opt.edition = JB_VARIANT_HANS;
      else if (!strcmp(optarg, "zh-Hant"))
        opt.edition = JB_VARIANT_HANT;
      else
        return usage_error("--variant must be zh-Hans or zh-Hant", optarg);
      break;
    case 'j':
      opt.json = optarg;
      break;
    case 's':
      opt.strict = true;
      break;
    case 'M':
      opt.strict_meta = true;
      break;
    case 'G': {
      char *end;
      opt.guard = strtod(optarg, &end);
      if (end == optarg || *end || !(opt.guard >= 0 && opt.guard <= 100))
        return usage_error("--guard takes a percentage from 0 to 100", optarg);
      break;
    }
    case 'N':
      opt.no_wait = true;
      break;
    case 'D':
      opt.datadir = optarg;
      break;
    case 'L':
      list = true;
      break;
    case 'P':
      print = true;
      break;
    case 'q':
      opt.quiet = true;
      break;
    case 'v':
      opt.verbose = true;
      break;
    case 'h':
      fputs(usage_text, stdout);
      return 0;
    case 'V':
      printf("jianbao %s\n", JB_VERSION);
      return 0;
    case ':':
      return usage_error("option needs a value", argv[optind - 1]);
    default:
      return usage_error("unknown option", argv[optind - 1]);
    }
  }
  if (list || print) {
    if (list && print)
      return usage_error("--list-templates and --print-template go alone", NULL);
    if (optind + (print ? 1 : 0) < argc)
      return usage_error("unexpected argument", argv[optind + (print ? 1 : 0)]);
    return templates_cmd(opt.datadir, list,
                         print && optind < argc ? argv[optind] : opt.template_path);
  }
  if (!opt.output[0])
    return usage_error("empty output path", NULL);
  static const char *const default_inputs[] = {"seeds"};
  if (optind < argc) {
    opt.inputs = (const char *const *)(argv + optind);
    opt.ninputs = (size_t)(argc - optind);
  } else {
    opt.inputs = default_inputs;
    opt.ninputs = 1;
  }
  opt.progress = !opt.quiet && isatty(STDERR_FILENO);
  return jb_pipeline_run(&opt);
}
