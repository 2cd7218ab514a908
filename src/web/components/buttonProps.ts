import type { ButtonProps } from 'antd';

/** Modal OK/cancel button props with a test id (antd types do not list data-* attributes). */
export function buttonProps(testId: string, extra: ButtonProps = {}): ButtonProps {
  return { ...extra, 'data-testid': testId };
}
