// The insights domain's only door.
export { insightsPlugin } from './insights.plugin.ts';
export { startInsightsUpkeep } from './insights-upkeep.ts';
export { insightsJobs } from './insights-jobs.ts';
export { scheduleAlertEvaluation } from './alerts/evaluate-alerts.job.ts';
export { scheduleBriefPlanning } from './brief/send-brief.job.ts';
export { insightsSealedColumns } from './insights.sealed.ts';
export { readOurCountry } from './image/our-country.ts';
export { seedDefaultMonitors } from './monitors/manage-monitors.ts';
export { type MonitorChange, monitorsThatChanged } from './monitors/monitors.queries.ts';
