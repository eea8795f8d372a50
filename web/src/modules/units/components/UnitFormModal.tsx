import type { UnitDto } from '@diplodesk/contracts';
import { useTranslation } from 'react-i18next';
import { UnitForm, type UnitFormMode } from './UnitForm.tsx';
import { AppModal } from '../../../ui/AppModal.tsx';

export interface UnitFormModalProps {
  mode: UnitFormMode | null;
  units: readonly UnitDto[];
  onClose: () => void;
}

export function UnitFormModal({ mode, units, onClose }: UnitFormModalProps) {
  const { t } = useTranslation();
  const title = mode?.type === 'edit' ? t('units.editTitle', { name: mode.unit.name }) : t('units.createTitle');
  return (
    <AppModal opened={mode !== null} onClose={onClose} title={title} size="lg">
      {mode ? <UnitForm mode={mode} units={units} onDone={onClose} /> : null}
    </AppModal>
  );
}
