/* main.c - command line (SPEC §3): options, --help, --version, exit codes
 * 0 (ok), 1 (input or build error), 2 (usage). No pipeline logic here. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "pipeline.h"
#include "version.h"

static const char usage_text[] =
    "Usage: jianbao [OPTIONS] [SEED_DIR_OR_FILES...]\n"
    "Compile scraped Chinese web articles into a briefing PDF.\n"
    "\n"
    "  -o, --output FILE     PDF to write (default out/briefing.pdf); the\n"
    "                        cleaned text goes next to it as .md\n"
    "  -t, --template FILE   template (default templates/briefing.conf, or\n"
    "                        templates/briefing-zh-Hant.conf with --variant\n"
    "                        zh-Hant)\n"
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
    "  -q, --quiet           print errors only\n"
    "  -v, --verbose         print notes too\n"
    "  -h, --help            show this help\n"
    "  -V, --version         show the version\n"
    "\n"
    "Inputs default to seeds/. Folders are read in file-name order.\n"
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
      {NULL, 0, NULL, 0},
  };
  jb_options opt;
  memset(&opt, 0, sizeof opt);
  opt.output = "out/briefing.pdf";
  opt.guard = -1;
  opterr = 0;
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
  if (!opt.template_path)
    opt.template_path = opt.edition == JB_VARIANT_HANT ? "templates/briefing-zh-Hant.conf"
                                                       : "templates/briefing.conf";
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
