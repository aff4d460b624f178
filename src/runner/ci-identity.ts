/** The CI run a command executes in, recorded in audit rows so an event can be traced to its pipeline. */
export interface CiIdentity {
  readonly system: string;
  readonly repository: string | null;
  readonly commit: string | null;
  readonly runId: string | null;
  readonly actor: string | null;
}

let cached: { value: CiIdentity | undefined } | undefined;

/**
 * Read once per process from the variables each CI system sets (GitHub Actions, GitLab CI, else any
 * system that sets `CI`). Undefined outside CI, so local runs keep their audit rows unchanged.
 */
export function ciIdentity(env: NodeJS.ProcessEnv = process.env): CiIdentity | undefined {
  if (env === process.env && cached) return cached.value;
  const value = readIdentity(env);
  if (env === process.env) cached = { value };
  return value;
}

/** `{ ci }` to spread into audit details, or nothing outside CI. */
export function ciDetails(): { ci?: CiIdentity } {
  const ci = ciIdentity();
  return ci ? { ci } : {};
}

function readIdentity(env: NodeJS.ProcessEnv): CiIdentity | undefined {
  const v = (name: string) => env[name] || null;
  if (env.GITHUB_ACTIONS === 'true') {
    return { system: 'github-actions', repository: v('GITHUB_REPOSITORY'), commit: v('GITHUB_SHA'), runId: v('GITHUB_RUN_ID'), actor: v('GITHUB_ACTOR') };
  }
  if (env.GITLAB_CI) {
    return { system: 'gitlab-ci', repository: v('CI_PROJECT_PATH'), commit: v('CI_COMMIT_SHA'), runId: v('CI_PIPELINE_ID'), actor: v('GITLAB_USER_LOGIN') };
  }
  if (!env.CI || env.CI === 'false' || env.CI === '0') return undefined;
  return { system: 'ci', repository: v('CI_REPOSITORY') ?? v('CI_PROJECT_PATH'), commit: v('CI_COMMIT_SHA') ?? v('GIT_COMMIT'), runId: v('CI_PIPELINE_ID') ?? v('BUILD_ID'), actor: v('CI_ACTOR') };
}
