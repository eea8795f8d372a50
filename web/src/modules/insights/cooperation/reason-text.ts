import type { PartnerReason } from '@diplodesk/contracts';
import type { TFunction } from 'i18next';

export const formatPercent = (value: number, locale: string) => new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 }).format(value);

/** One reason as a sentence with its figure ("agreed on 87 % of human-rights votes in sessions 71–74 (84 votes)"). */
export function reasonText(t: TFunction, reason: PartnerReason, o: { ours: string; topic: string; locale: string }): string {
  const number = (n: number) => new Intl.NumberFormat(o.locale).format(n);
  if (reason.kind === 'un-agreement') {
    const common = { percent: formatPercent(reason.agreement, o.locale), from: reason.fromSession, to: reason.toSession, votes: number(reason.votes) };
    if (reason.issues.length === 0) return t('insightsCooperation.reason.unAgreementAll', common);
    return t('insightsCooperation.reason.unAgreement', { ...common, issues: reason.issues.map((i) => t(`insightsCooperation.issueAdjective.${i}`)).join(' / ') });
  }
  if (reason.kind === 'co-mentions') return t('insightsCooperation.reason.coMentions', { count: reason.items, ours: o.ours, topic: o.topic, days: reason.days });
  return t('insightsCooperation.reason.statements', { count: reason.statements, topic: o.topic, days: reason.days });
}
