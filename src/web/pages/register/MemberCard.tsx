/** One member of the household being registered: relationship and identity, or an existing record. */
import { DeleteOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Form, Input, Select, Space } from 'antd';
import type { FormInstance } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Relationship } from '../../api/registry.js';
import { PersonFields, type PersonValues } from '../../components/PersonFields.js';
import { relationshipLabel } from '../../i18n/labels.js';
import { RELATIONSHIPS } from '../households/HouseholdModals.js';

export interface MemberValues {
  relationship: Relationship;
  /** Set when the member is a person already registered in the scope. */
  personId?: string | null;
  existingName?: string | null;
  person: PersonValues;
}

/** Why the server refused this member, with what the user can do about it. */
export interface MemberIssue {
  /** PERSON_EXISTS, PERSON_REGISTERED_ELSEWHERE, or another code about an existing member (e.g. CONFLICT: still in another household). */
  code: string;
  message: string;
  personId: string | null;
}

interface Props {
  form: FormInstance;
  index: number;
  name: number;
  issue: MemberIssue | undefined;
  canRemove: boolean;
  onRemove: () => void;
  onUseExisting: (personId: string) => void;
  onUseNew: () => void;
  onTransfer: () => void;
}

export function MemberCard({
  form,
  index,
  name,
  issue,
  canRemove,
  onRemove,
  onUseExisting,
  onUseNew,
  onTransfer,
}: Props) {
  const { t } = useTranslation();
  const personId = Form.useWatch(['members', name, 'personId'], form) as string | null | undefined;
  const existingName = Form.useWatch(['members', name, 'existingName'], form) as string | null | undefined;

  return (
    <Card
      size="small"
      className="ss-member-card"
      title={t('register.member', { n: index + 1 })}
      extra={
        canRemove && (
          <Button
            type="text"
            danger
            size="small"
            icon={<DeleteOutlined />}
            onClick={onRemove}
            data-testid={`member-${index}-remove`}
          >
            {t('register.removeMember')}
          </Button>
        )
      }
      data-testid={`member-${index}`}
    >
      <Form.Item name={[name, 'relationship']} label={t('register.relationship')} rules={[{ required: true }]}>
        <Select
          options={RELATIONSHIPS.map((r) => ({ value: r, label: relationshipLabel(t, r) }))}
          data-testid={`member-${index}-relationship`}
        />
      </Form.Item>
      <Form.Item name={[name, 'personId']} hidden>
        <Input />
      </Form.Item>
      <Form.Item name={[name, 'existingName']} hidden>
        <Input />
      </Form.Item>
      <Form.Item name={[name, 'person', 'id']} hidden>
        <Input />
      </Form.Item>
      {personId ? (
        <>
          <Alert
            type="success"
            showIcon
            title={t('register.existingMember', { name: existingName ?? '' })}
            action={
              <Button size="small" onClick={onUseNew}>
                {t('register.useNew')}
              </Button>
            }
          />
          {issue && (
            <Alert
              type="error"
              showIcon
              style={{ marginTop: 8 }}
              title={issue.message}
              data-testid={`member-${index}-issue`}
            />
          )}
        </>
      ) : (
        <>
          {issue && (issue.code === 'PERSON_EXISTS' || issue.code === 'PERSON_REGISTERED_ELSEWHERE') && (
            <Alert
              type={issue.code === 'PERSON_EXISTS' ? 'warning' : 'error'}
              showIcon
              style={{ marginBottom: 12 }}
              title={issue.code === 'PERSON_EXISTS' ? t('persons.exists') : t('persons.elsewhere')}
              description={issue.code === 'PERSON_EXISTS' ? issue.message : t('persons.elsewhereHint')}
              data-testid={`member-${index}-issue`}
              action={
                <Space orientation="vertical">
                  {issue.code === 'PERSON_EXISTS' && issue.personId && (
                    <Button size="small" type="primary" onClick={() => onUseExisting(issue.personId!)}>
                      {t('register.useExisting')}
                    </Button>
                  )}
                  {issue.code === 'PERSON_REGISTERED_ELSEWHERE' && (
                    <Button size="small" onClick={onTransfer} data-testid={`member-${index}-transfer`}>
                      {t('persons.requestTransfer')}
                    </Button>
                  )}
                </Space>
              }
            />
          )}
          <PersonFields
            form={form}
            prefix={[name, 'person']}
            absolute={['members', name, 'person']}
            testIdPrefix={`member-${index}`}
          />
        </>
      )}
    </Card>
  );
}
