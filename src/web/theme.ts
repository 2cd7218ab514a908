import type { ThemeConfig } from 'antd';

export const SIDER_BG = '#0b1f3a';

/** A restrained government-console look: deep navy sider, blue accent. */
export const theme: ThemeConfig = {
  token: {
    colorPrimary: '#1d5bbf',
    colorInfo: '#1d5bbf',
    borderRadius: 6,
    fontFamily:
      "-apple-system, BlinkMacSystemFont, 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'Noto Sans CJK SC', 'Noto Sans SC', 'Helvetica Neue', Arial, sans-serif",
  },
  components: {
    Layout: { siderBg: SIDER_BG, triggerBg: '#08172b', headerBg: '#ffffff', headerHeight: 56 },
    Menu: { darkItemBg: SIDER_BG, darkSubMenuItemBg: '#08172b', darkItemSelectedBg: '#1d5bbf' },
  },
};
