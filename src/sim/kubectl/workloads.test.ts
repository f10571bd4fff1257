import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../scenario';
import { podTemplateHash } from '../k8s/workloads';
import { rfc3339 } from '../time/timestamps';
import type { AnyEvent } from './events';
import { describeDeployment, getDeploymentTable, getReplicaSetTable } from './workloads';

const NOW = 100_000;
const template = {
  metadata: { labels: { app: 'frontend' } },
  spec: { containers: [{ name: 'server', image: 'frontend:latest' }] },
};
const d: KubeObject = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'frontend', namespace: 'default', uid: 'd-uid', creationTimestamp: rfc3339(0) },
  spec: {
    replicas: 1,
    selector: { matchLabels: { app: 'frontend' } },
    template,
    strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '25%', maxSurge: '25%' } },
  },
  status: {
    replicas: 1,
    updatedReplicas: 1,
    readyReplicas: 1,
    availableReplicas: 1,
    conditions: [
      { type: 'Available', status: 'True', reason: 'MinimumReplicasAvailable' },
      { type: 'Progressing', status: 'True', reason: 'NewReplicaSetAvailable' },
    ],
  },
};

function rs(name: string, spec: number, status: number, hash: string, createdMs = 0): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: {
      name,
      namespace: 'default',
      creationTimestamp: rfc3339(createdMs),
      labels: { 'pod-template-hash': hash },
      ownerReferences: [{ controller: true, uid: 'd-uid', kind: 'Deployment', name: 'frontend' }],
    },
    spec: { replicas: spec },
    status: { replicas: status, readyReplicas: status },
  };
}

function event(name: string, message: string, atMs: number): AnyEvent {
  const ts = rfc3339(atMs);
  return {
    apiVersion: 'v1',
    kind: 'Event',
    metadata: { name, namespace: 'default' },
    involvedObject: { kind: 'Deployment', name: 'frontend', namespace: 'default', uid: 'd-uid' },
    reason: 'ScalingReplicaSet',
    message,
    source: { component: 'deployment-controller' },
    firstTimestamp: ts,
    lastTimestamp: ts,
    count: 1,
    type: 'Normal',
  } as unknown as AnyEvent;
}

describe('kubectl describe deployment', () => {
  // A public `kubectl describe deployment frontend` after a rollout (kubectl ≥ 1.35, 2026): the tail from
  // Conditions on, with its three old ReplicaSets at 0/0 and the ScalingReplicaSet events' new wording.
  it('prints Conditions, OldReplicaSets, NewReplicaSet and Events as kubectl does', () => {
    const rss = [
      rs('frontend-78548db95', 0, 0, 'c', 3000),
      rs('frontend-66b5b57f65', 0, 0, 'b', 2000),
      rs('frontend-754b6d944f', 0, 0, 'a', 1000),
      rs('frontend-867696c4d', 1, 1, podTemplateHash(template)),
    ];
    const events = [
      event('frontend.1', 'Scaled up replica set frontend-867696c4d from 0 to 1', NOW - 59_000),
      event('frontend.2', 'Scaled down replica set frontend-78548db95 from 1 to 0', NOW - 41_000),
    ];
    const text = describeDeployment(d, rss, events, NOW);
    const tail = text.slice(text.indexOf('Conditions:'));
    // The old ReplicaSets oldest first: the one scaled down last (78548db95) is the newest of them.
    expect(tail).toBe(
      [
        'Conditions:',
        '  Type           Status  Reason',
        '  ----           ------  ------',
        '  Available      True    MinimumReplicasAvailable',
        '  Progressing    True    NewReplicaSetAvailable',
        'OldReplicaSets:  frontend-754b6d944f (0/0 replicas created), frontend-66b5b57f65 (0/0 replicas created), frontend-78548db95 (0/0 replicas created)',
        'NewReplicaSet:   frontend-867696c4d (1/1 replicas created)',
        'Events:',
        '  Type    Reason             Age   From                   Message',
        '  ----    ------             ----  ----                   -------',
        '  Normal  ScalingReplicaSet  59s   deployment-controller  Scaled up replica set frontend-867696c4d from 0 to 1',
        '  Normal  ScalingReplicaSet  41s   deployment-controller  Scaled down replica set frontend-78548db95 from 1 to 0',
        '',
      ].join('\n'),
    );
    expect(text).toContain(
      '\nRollingUpdateStrategy:  25% max unavailable, 25% max surge\nPod Template:\n  Labels:  app=frontend\n  Containers:\n   server:\n    Image:',
    );
    expect(text).toContain(
      '\nReplicas:               1 desired | 1 updated | 1 total | 1 available | 0 unavailable\n',
    );
  });

  it('says <none> for no old ReplicaSets and no events', () => {
    const text = describeDeployment(d, [rs('frontend-867696c4d', 1, 1, podTemplateHash(template))], [], NOW);
    expect(text).toContain(
      '\nOldReplicaSets:  <none>\nNewReplicaSet:   frontend-867696c4d (1/1 replicas created)\nEvents:          <none>\n',
    );
  });
});

describe('kubectl get rs and get deployments', () => {
  it('prints DESIRED, CURRENT, READY and AGE per ReplicaSet, and READY as ready/desired per Deployment', () => {
    expect(getReplicaSetTable([rs('web-b', 3, 3, 'x'), rs('web-a', 0, 0, 'y')], 65_000)).toBe(
      'NAME    DESIRED   CURRENT   READY   AGE\nweb-a   0         0         0       65s\nweb-b   3         3         3       65s\n',
    );
    expect(getDeploymentTable([d], 75_000)).toBe(
      'NAME       READY   UP-TO-DATE   AVAILABLE   AGE\nfrontend   1/1     1            1           75s\n',
    );
    expect(getReplicaSetTable([], 0)).toBe('');
  });
});
