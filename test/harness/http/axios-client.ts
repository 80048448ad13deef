import axios from 'axios';

import { stringifyQuery } from './query-string';

/**
 * An axios instance with the defaults n8n sets on its global axios, kept separate so the
 * harness does not change axios for the tests' own HTTP clients.
 */
export const n8nAxios = axios.create();

n8nAxios.defaults.timeout = 300_000;
n8nAxios.defaults.headers.post = {};
n8nAxios.defaults.headers.put = {};
n8nAxios.defaults.headers.patch = {};
n8nAxios.defaults.paramsSerializer = (params) =>
	params instanceof URLSearchParams ? params.toString() : stringifyQuery(params, 'indices');
n8nAxios.defaults.proxy = false;

// Without this axios would give a body-less POST the form-urlencoded content type.
n8nAxios.interceptors.request.use((config) => {
	if (config.data === undefined) config.headers.setContentType(false, false);
	return config;
});
