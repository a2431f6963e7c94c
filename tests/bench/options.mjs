// The command line the benchmark's runners share (tests/bench/run.mjs for scripts/bench,
// tests/bench/search.mjs for scripts/bench-search): --posts LIST, --runs R, --smoke, --out FILE,
// --command TEXT (how the report names the command that ran it).

/**
 * The options in `argv`, over `defaults` ({ posts, runs }); on a bad one, says so as `program`
 * and exits with status 2.
 */
export function parseOptions(argv, defaults, program) {
  const fail = (message) => {
    console.error(`${program}: ${message}`);
    process.exit(2);
  };
  const options = { ...defaults, smoke: false, out: null, command: null };
  for (let i = 0; i < argv.length; i++) {
    const value = () => argv[++i] ?? fail(`${argv[i - 1]} needs a value`);
    if (argv[i] === "--posts") options.posts = value().split(",").map(Number);
    else if (argv[i] === "--runs") options.runs = Number(value());
    else if (argv[i] === "--smoke") options.smoke = true;
    else if (argv[i] === "--out") options.out = value();
    else if (argv[i] === "--command") options.command = value();
    else fail(`unknown option ${argv[i]}`);
  }
  if (!options.posts.every((n) => Number.isInteger(n) && n > 0)) fail("--posts: whole numbers, comma-separated");
  if (!(Number.isInteger(options.runs) && options.runs > 0)) fail("--runs: a whole number of at least 1");
  return options;
}
