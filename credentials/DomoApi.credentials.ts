import type {
	ICredentialDataDecryptedObject,
	IHttpRequestOptions,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
	Icon,
} from 'n8n-workflow';

// The test's baseURL repeats instanceOrigin() as an expression, because credential tests
// run declaratively inside n8n and cannot call the node's code. INSTANCE is the instance as
// typed, less trailing slashes and the API's own path.
const INSTANCE =
	"$credentials.instance.trim().replace(/\\/+$/, '').replace(/\\/api\\/files\\/v1$/i, '')";
const TEST_BASE_URL =
	`={{ (/^https?:\\/\\//i.test(${INSTANCE}) ? ${INSTANCE} : ` +
	`'https://' + ${INSTANCE}.toLowerCase().replace(/\\.$/, '') + ` +
	"($credentials.instance.includes('.') ? '' : '.domo.com')) + '/api/files/v1' }}";

export class DomoApi implements ICredentialType {
	name = 'domoApi';

	displayName = 'Domo API';

	icon: Icon = { light: 'file:../icons/domo.svg', dark: 'file:../icons/domo.dark.svg' };

	documentationUrl =
		'https://developer.domo.com/portal/8ba9aedad3679-ap-is-overview#developer-tokens';

	properties: INodeProperties[] = [
		{
			displayName: 'Instance',
			name: 'instance',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'acme',
			description:
				'Your Domo instance: "acme", "acme.domo.com" or "https://acme.domo.com". ' +
				'A full base URL such as "http://127.0.0.1:8080" also works, for proxies and tests.',
		},
		{
			displayName: 'Developer Token',
			name: 'developerToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				'Created by a Domo admin under Admin > Authentication > Access tokens. It has the ' +
				'permissions of the user it was created for, is shown once, and expires.',
		},
	];

	// A function rather than a generic `={{$credentials.developerToken}}` header: n8n then
	// evaluates no expression per request, which is most of its cost per call.
	authenticate = async (
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> => ({
		...requestOptions,
		headers: { ...requestOptions.headers, 'X-DOMO-Developer-Token': credentials.developerToken },
	});

	test: ICredentialTestRequest = {
		request: {
			baseURL: TEST_BASE_URL,
			url: '/filesets/search',
			method: 'POST',
			qs: { limit: 1, offset: 0 },
			body: {},
			json: true,
		},
		rules: [
			{
				type: 'responseCode',
				properties: {
					value: 401,
					message: 'Domo rejected the developer token. Check that it is complete and not expired.',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 403,
					message: 'The token is valid but its user may not use FileSets on this instance.',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 404,
					message: 'This instance has no FileSets API. Check the instance name or base URL.',
				},
			},
		],
	};
}
