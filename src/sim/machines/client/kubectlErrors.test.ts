import { describe, expect, it } from 'vitest';
import { kubectlErrorLines } from './kubectlErrors';
import { statusFailure } from '../apiServer/routes';

const NAME_MSG =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";

describe('kubectlErrorLines', () => {
  it('prints a 422 with one cause on one line', () => {
    const body = statusFailure(
      422,
      'Invalid',
      `Pod "Nginx" is invalid: metadata.name: Invalid value: "Nginx": ${NAME_MSG}`,
      {
        name: 'Nginx',
        kind: 'Pod',
        causes: [
          {
            reason: 'FieldValueInvalid',
            message: `Invalid value: "Nginx": ${NAME_MSG}`,
            field: 'metadata.name',
          },
        ],
      },
    );
    expect(kubectlErrorLines(422, body, 'creating', 'pod.yaml')).toEqual([
      `The Pod "Nginx" is invalid: metadata.name: Invalid value: "Nginx": ${NAME_MSG}`,
    ]);
  });

  it('prints a 422 with several causes as a head line and one "* field: msg" line each', () => {
    const body = statusFailure(422, 'Invalid', 'Pod "x" is invalid: [...]', {
      name: 'x',
      kind: 'Pod',
      causes: [
        { reason: 'FieldValueRequired', message: 'Required value', field: 'spec.containers[0].image' },
        { reason: 'FieldValueDuplicate', message: 'Duplicate value: "a"', field: 'spec.containers[1].name' },
      ],
    });
    expect(kubectlErrorLines(422, body, 'creating', 'pod.yaml')).toEqual([
      'The Pod "x" is invalid: ',
      '* spec.containers[0].image: Required value',
      '* spec.containers[1].name: Duplicate value: "a"',
    ]);
  });

  it('prints a 409 AlreadyExists with the file it was creating from', () => {
    const body = statusFailure(409, 'AlreadyExists', 'pods "nginx" already exists', {
      name: 'nginx',
      kind: 'pods',
    });
    expect(kubectlErrorLines(409, body, 'creating', 'pod.yaml')).toEqual([
      'Error from server (AlreadyExists): error when creating "pod.yaml": pods "nginx" already exists',
    ]);
  });

  it('prints a NotFound without a file when none is involved', () => {
    const body = statusFailure(404, 'NotFound', 'pods "nginx" not found', { name: 'nginx', kind: 'pods' });
    expect(kubectlErrorLines(404, body, 'deleting', null)).toEqual([
      'Error from server (NotFound): pods "nginx" not found',
    ]);
  });
});
