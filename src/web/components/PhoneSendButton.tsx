import { Button } from 'antd-mobile';
import type { ReactNode } from 'react';

/** The phone pages' one wide "send" button (check-in, recovering the edit link): busy and closed while it sends. */
export function PhoneSendButton(props: { sending: boolean; onClick: () => void; testId: string; children: ReactNode }) {
  return (
    <Button
      block
      color="primary"
      size="large"
      loading={props.sending}
      disabled={props.sending}
      onClick={props.onClick}
      data-testid={props.testId}
    >
      {props.children}
    </Button>
  );
}
