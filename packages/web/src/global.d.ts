// Flags that the end-to-end tests wait on (see map/MapView.tsx).
interface Window {
  /** Set once the map has gone idle with its first area's data drawn. */
  __yingjiMapReady?: boolean;
}
