import { HomeOutlined } from '@ant-design/icons';
import { Breadcrumb } from 'antd';

/**
 * The way down to the area shown, from the top of what the page lets the user see:
 * each area above it a link (the first with a home icon), the area itself plain.
 * Nothing when the area is the top.
 */
export function AreaCrumbs(props: {
  chain: readonly { id: string; name: string }[];
  onPick: (id: string, index: number) => void;
  testId: string;
}) {
  const { chain } = props;
  if (chain.length < 2) return null;
  const items = chain.map((a, i) => ({
    key: a.id,
    title:
      i < chain.length - 1 ? (
        <a onClick={() => props.onPick(a.id, i)}>
          {i === 0 && <HomeOutlined style={{ marginRight: 4 }} />}
          {a.name}
        </a>
      ) : (
        <span data-testid={props.testId}>{a.name}</span>
      ),
  }));
  return <Breadcrumb items={items} style={{ marginBottom: 8 }} />;
}
