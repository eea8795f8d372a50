// The UI's words, assembled: the shared catalogue plus one file per feature area (so parallel
// work on areas does not collide in one file). The newsroom's words are used by the server-rendered
// public pages; they are checked here with the rest.
import enChannels from './en/channels.json';
import enHome from './en/home.json';
import enInsights from './en/insights.json';
import enInsightsAlerts from './en/insights-alerts.json';
import enInsightsBrief from './en/insights-brief.json';
import enInsightsCooperation from './en/insights-cooperation.json';
import enInsightsImage from './en/insights-image.json';
import enInsightsMonitors from './en/insights-monitors.json';
import enIntegrity from './en/integrity.json';
import enIntegrityRebuttals from './en/integrity-rebuttals.json';
import enListening from './en/listening.json';
import enListeningImport from './en/listening-import.json';
import enListeningLive from './en/listening-live.json';
import enListeningTopics from './en/listening-topics.json';
import enNewsroom from './en/newsroom.json';
import enSso from './en/sso.json';
import enSecurity from './en/security.json';
import enStatements from './en/statements.json';
import en from './en/translation.json';
import idChannels from './id/channels.json';
import idHome from './id/home.json';
import idInsights from './id/insights.json';
import idInsightsAlerts from './id/insights-alerts.json';
import idInsightsBrief from './id/insights-brief.json';
import idInsightsCooperation from './id/insights-cooperation.json';
import idInsightsImage from './id/insights-image.json';
import idInsightsMonitors from './id/insights-monitors.json';
import idIntegrity from './id/integrity.json';
import idIntegrityRebuttals from './id/integrity-rebuttals.json';
import idListening from './id/listening.json';
import idListeningImport from './id/listening-import.json';
import idListeningLive from './id/listening-live.json';
import idListeningTopics from './id/listening-topics.json';
import idNewsroom from './id/newsroom.json';
import idSso from './id/sso.json';
import idSecurity from './id/security.json';
import idStatements from './id/statements.json';
import id from './id/translation.json';

export const catalogues = {
  en: { ...en, statements: enStatements, channels: enChannels, listening: enListening, listeningImport: enListeningImport, listeningTopics: enListeningTopics, listeningLive: enListeningLive, newsroom: enNewsroom, sso: enSso, security: enSecurity, insights: enInsights, insightsBrief: enInsightsBrief, insightsAlerts: enInsightsAlerts, insightsImage: enInsightsImage, home: { ...en.home, ...enHome }, insightsCooperation: enInsightsCooperation, insightsMonitors: enInsightsMonitors, integrity: enIntegrity, integrityRebuttals: enIntegrityRebuttals },
  id: { ...id, statements: idStatements, channels: idChannels, listening: idListening, listeningImport: idListeningImport, listeningTopics: idListeningTopics, listeningLive: idListeningLive, newsroom: idNewsroom, sso: idSso, security: idSecurity, insights: idInsights, insightsBrief: idInsightsBrief, insightsAlerts: idInsightsAlerts, insightsImage: idInsightsImage, home: { ...id.home, ...idHome }, insightsCooperation: idInsightsCooperation, insightsMonitors: idInsightsMonitors, integrity: idIntegrity, integrityRebuttals: idIntegrityRebuttals },
};
