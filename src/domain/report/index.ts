// Reports: the compliance report aggregated from compact per-request report rows,
// drill-down, chart data and CSV exports (compliance, the Barier request journal). Pure.
export * from './report-row';
export * from './percentile';
export * from './aggregate';
export * from './drill-down';
export * from './distribution';
export * from './journal';
// './csv' is not re-exported: it pulls papaparse, which the Forge functions never need (the CSV
// files are made in the browser and by the CLI); import it from '../domain/report/csv'.
export * from './from-clocks';
export * from './act';
