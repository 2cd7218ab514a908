/** The area a self-registration page shows: picked from the user's scope down, the scope itself by default. */
import { useMe } from '../../auth/session.js';
import { AreaTreeSelect } from '../../components/AreaTreeSelect.js';

export function AreaFilter({
  areaId,
  onChange,
  testId,
}: {
  areaId: string | undefined;
  onChange: (id: string | undefined) => void;
  testId: string;
}) {
  const me = useMe();
  return (
    <AreaTreeSelect
      value={areaId ?? me.scope.id}
      known={me.scope}
      onChange={onChange}
      style={{ width: 240 }}
      data-testid={testId}
    />
  );
}
