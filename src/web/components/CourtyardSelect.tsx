/**
 * Courtyard picker (小区/院落) in the user's scope, searched by name through
 * GET /api/courtyards?q=. A form control: value = courtyard id.
 */
import { Select } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { legacyApi } from '../api/legacy.js';
import { showError } from '../api/feedback.js';
import type { CourtyardDto, CourtyardListDto } from '../api/types.js';

interface Props {
  value?: string;
  onChange?: (id: string | undefined) => void;
  id?: string;
  'data-testid'?: string;
}

export function CourtyardSelect({ value, onChange, id, ...rest }: Props) {
  const { t } = useTranslation();
  const [items, setItems] = useState<CourtyardDto[]>([]);
  const [loading, setLoading] = useState(false);
  const seq = useRef(0);

  const search = (q: string) => {
    const mine = ++seq.current;
    setLoading(true);
    legacyApi
      .get<CourtyardListDto>('/api/courtyards', { q: q.trim() || undefined, limit: 50 })
      .then((page) => mine === seq.current && setItems(page.items))
      .catch(showError)
      .finally(() => mine === seq.current && setLoading(false));
  };
  useEffect(() => search(''), []);

  return (
    <Select
      {...rest}
      id={id}
      value={value}
      onChange={(v: string | undefined) => onChange?.(v)}
      allowClear
      loading={loading}
      showSearch={{ filterOption: false, onSearch: search }}
      placeholder={t('picker.courtyardPlaceholder')}
      options={items.map((c) => ({ value: c.id, label: t('common.paren', { text: c.name, note: c.grid.name }) }))}
      style={{ width: '100%' }}
    />
  );
}
