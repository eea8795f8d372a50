import type { StatementDto } from '@diplodesk/contracts';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isOwnWrite, statementSignature } from './use-statements.ts';

const decisionNoticeKeys = {
  approve: 'statements.live.approvedBy',
  'request-changes': 'statements.live.changesRequestedBy',
  reject: 'statements.live.rejectedBy',
} as const;

/**
 * A short sentence when the statement changed under the reader (a live event refetched it) and the
 * change was not this tab's own save or decision.
 */
export function useLiveNotice(statement: StatementDto | undefined): { notice: string | null; dismiss: () => void } {
  const { t } = useTranslation();
  const previous = useRef<StatementDto | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  useEffect(() => {
    if (!statement) return;
    const before = previous.current;
    previous.current = statement;
    if (!before || before.id !== statement.id) return;
    if (statementSignature(before) === statementSignature(statement) || isOwnWrite(statement)) return;
    const beforeDecisions = before.clearance?.decisions.length ?? 0;
    const latest = statement.clearance?.decisions.at(-1);
    if (latest && (statement.clearance?.decisions.length ?? 0) > beforeDecisions) {
      setNotice(t(decisionNoticeKeys[latest.decision], { name: latest.approverName }));
    } else if (statement.version > before.version) {
      setNotice(t('statements.live.newVersion', { version: statement.version }));
    } else {
      setNotice(t('statements.live.changed'));
    }
  }, [statement, t]);
  return { notice, dismiss: () => setNotice(null) };
}
