/** The release this build is; shown by /api/health and `yingji --version`. */
export const VERSION = '0.1.0';
