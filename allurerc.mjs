// Allure 3 configuration for the ZEUES v3 acceptance report (read by `allure generate`).
import { readFileSync } from "node:fs";

// Categories live in allure-categories.json, in Allure 2's categories.json form, so the
// suite can copy the same file into allure-results/ and zeues_acceptance.reporting can
// classify failures with the same rules. Allure 3 accepts that form here as is.
const categories = JSON.parse(readFileSync(new URL("./allure-categories.json", import.meta.url), "utf-8"));

export default {
  name: "ZEUES v3 acceptance",
  output: "allure-report",
  // Each local render appends one line here; the awesome report draws its trend from it.
  historyPath: "reports/history.jsonl",
  historyLimit: 30,
  categories: { rules: categories },
  plugins: {
    awesome: {
      options: {
        reportName: "ZEUES v3 acceptance",
        // One self-contained index.html: it opens from disk (file://) and travels as one
        // file; a multi-file report shows only a spinner unless served over HTTP.
        singleFile: true,
      },
    },
  },
};
