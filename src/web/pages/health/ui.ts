/** Small helpers shared by the health pages. */
export { buttonProps } from '../../components/buttonProps.js';
