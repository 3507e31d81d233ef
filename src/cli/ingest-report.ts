// The human summary of an ingest run: counts first, then what needs a person's attention.
import type { FilesIngestReport } from "../ingest/ingest-files.js";

export function formatIngestReport(report: FilesIngestReport): string {
  const lines = [
    `read ${report.read}, new ${report.new}, updated ${report.updated}, unchanged ${report.unchanged}, rejected ${report.rejected}`,
  ];
  for (const file of report.files) {
    if (file.rejected) lines.push(`  ${file.path}: rejected: ${file.rejected}`);
    for (const warning of file.warnings) lines.push(`  ${file.path}:${warning.line}: ${warning.message}`);
  }
  return `${lines.join("\n")}\n`;
}
