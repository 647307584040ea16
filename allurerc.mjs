// Allure 3 configuration for the ZEUES v3 acceptance report (read by `allure generate`).
// scripts/render-report renders a post-processed copy of the results
// (zeues_acceptance/report_results.py) with the settings of that run in
// ZEUES_REPORT_SETTINGS: the report's name (target, tag selection, time) and the trend
// file of that target and tag selection.
import { readFileSync } from "node:fs";

const readJson = (path) => JSON.parse(readFileSync(path, "utf-8"));
const run = process.env.ZEUES_REPORT_SETTINGS ? readJson(process.env.ZEUES_REPORT_SETTINGS) : {};
const reportName = run.reportName ?? "ZEUES v3 acceptance";
const escapeRegExp = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

// The verdict's categories (allure-categories.json, also given to Python and Allure 2),
// matched by the category label the render step puts on each failed result and grouped by
// the rule the scenario checks, not by message text.
const categories = readJson(new URL("./allure-categories.json", import.meta.url)).map((category) => ({
  name: category.name,
  matchers: { labels: { category: `^${escapeRegExp(category.name)}$` } },
  groupBy: [{ label: "rule" }],
  groupByMessage: false,
  expand: true,
}));

export default {
  name: reportName,
  output: "allure-report",
  // Without settings there is no trend: a run's points never land in another's file.
  ...(run.historyPath ? { historyPath: run.historyPath, historyLimit: 30 } : {}),
  categories: { rules: categories },
  plugins: {
    awesome: {
      options: {
        reportName,
        // The tree by area (epic: Occupation, History, Health, ...), then by feature.
        groupBy: ["epic", "feature"],
        // One self-contained index.html: it opens from disk (file://) and travels as one
        // file; a multi-file report shows only a spinner unless served over HTTP.
        singleFile: true,
      },
    },
  },
};
