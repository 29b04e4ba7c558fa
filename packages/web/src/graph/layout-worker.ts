import { layoutEstateMap, type MapLayoutInput } from './layout-estate-map.js';

// A module worker: the map's ForceAtlas2 runs here, off the thread that draws and answers clicks.
self.onmessage = (event: MessageEvent<MapLayoutInput>) => {
  const positions = layoutEstateMap(event.data);
  self.postMessage([...positions]);
};
