/**
 * Courtyard picker (小区/院落) in the user's scope, searched by name through
 * GET /api/courtyards?q=. A form control: value = courtyard id.
 */
import { Select } from 'antd';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client.js';
import { showError } from '../api/feedback.js';
import type { CourtyardDto } from '../api/registry.js';

/** The first courtyards matching a name fragment (all of the scope's first 50 for ''); the latest search wins. */
export function useCourtyardSearch() {
  const [items, setItems] = useState<CourtyardDto[]>([]);
  const [loading, setLoading] = useState(false);
  const seq = useRef(0);
  const search = useCallback((q: string) => {
    const mine = ++seq.current;
    setLoading(true);
    api
      .get('/api/courtyards', { query: { q: q.trim() || undefined, limit: 50 } })
      .then((page) => mine === seq.current && setItems(page.items))
      .catch(showError)
      .finally(() => mine === seq.current && setLoading(false));
  }, []);
  useEffect(() => search(''), [search]);
  return { items, loading, search };
}

interface Props {
  value?: string;
  onChange?: (id: string | undefined) => void;
  id?: string;
  'data-testid'?: string;
}

export function CourtyardSelect({ value, onChange, id, ...rest }: Props) {
  const { t } = useTranslation();
  const { items, loading, search } = useCourtyardSearch();
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
