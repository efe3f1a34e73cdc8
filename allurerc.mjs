// Allure 3 configuration for `npm run report`. The categories come from the results folder,
// where journeys writes them (journeys/reporting.py), so there is one list for both Allure 2
// (which reads categories.json) and Allure 3 (which reads this file).
import { existsSync, readFileSync } from "node:fs";
import { defineConfig } from "allure";

// The results to read categories from: ALLURE_RESULTS, or where behave writes them.
const RESULTS = process.env.ALLURE_RESULTS ?? "reports/allure-results";

// categories.json holds Java-style regexes (Allure 2); "(?s)" becomes JavaScript's "s" flag.
function toJsRegExp(source) {
  const dotAll = source.startsWith("(?s)");
  return new RegExp(dotAll ? source.slice(4) : source, dotAll ? "s" : "");
}

function categoriesFromResults() {
  const file = `${RESULTS}/categories.json`;
  if (!existsSync(file)) return undefined;
  const rules = JSON.parse(readFileSync(file, "utf8")).map((category) => ({
    name: category.name,
    matchers: {
      statuses: category.matchedStatuses,
      ...(category.messageRegex ? { message: toJsRegExp(category.messageRegex) } : {}),
    },
  }));
  return { rules };
}

export default defineConfig({
  name: "journeys",
  output: "reports/allure-report",
  // Kept between runs (CI caches it) for trends and status transitions.
  historyPath: "reports/history.jsonl",
  categories: categoriesFromResults(),
  plugins: {
    awesome: {
      options: {
        reportName: "journeys",
        groupBy: ["epic", "feature", "story"],
      },
    },
  },
});
