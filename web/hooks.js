// What most pages do first: read one resource of the API, show it, and read it again after a change.
import { useCallback, useEffect, useState } from 'preact/hooks';
import { api } from './api.js';

/**
 * The JSON at `url` (null while it loads, and again while another URL loads), the refusal's message if any, and a
 * `reload` to call after a change. A null `url` reads nothing.
 */
export function useApi(url) {
  const [state, setState] = useState({ url: null, data: null, error: null });
  const reload = useCallback(() => {
    if (url === null) return;
    api('GET', url).then(
      (data) => setState({ url, data, error: null }),
      (err) => setState({ url, data: null, error: err.message }),
    );
  }, [url]);
  useEffect(reload, [reload]);
  const current = state.url === url;
  return { data: current ? state.data : null, error: current ? state.error : null, reload };
}
