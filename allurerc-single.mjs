// `npm run report:single`: the same report as allurerc.mjs (categories, capability grouping),
// as one self-contained HTML file. It keeps no history: `npm run report` records each run
// once in reports/history.jsonl, and a second report of the same run must not count it again.
import base from "./allurerc.mjs";

export default {
  ...base,
  output: "reports/allure-single-file",
  historyPath: undefined,
  plugins: {
    awesome: {
      options: {
        ...base.plugins.awesome.options,
        singleFile: true,
      },
    },
  },
};
