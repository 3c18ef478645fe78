/** The product name as the header, the login page and the browser tab show it. */
export const PLATFORM_NAME = '应急综合平台';
