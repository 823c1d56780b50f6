/** What the infra tests check of a synthesised template that `cdk synth` itself lets through. */

/**
 * A dependency cycle among the template's resources (Ref, Fn::GetAtt, Fn::Sub, DependsOn), which
 * CloudFormation refuses at deploy time while `cdk synth` lets it through; undefined when none.
 */
export function dependencyCycle(t: Record<string, any>): string[] | undefined {
  const res = t.Resources as Record<string, Record<string, any>>;
  const collect = (v: unknown, out: Set<string>): void => {
    if (Array.isArray(v)) for (const x of v) collect(x, out);
    else if (v && typeof v === 'object') {
      for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
        if (k === 'Ref' && typeof x === 'string') out.add(x);
        else if (k === 'Fn::GetAtt') out.add(Array.isArray(x) ? String(x[0]) : String(x).split('.')[0]!);
        else if (k === 'Fn::Sub') {
          for (const m of String([x].flat()[0]).matchAll(/\$\{([^}.!]+)[^}]*\}/g)) out.add(m[1]!);
          if (Array.isArray(x)) collect(x[1], out);
        } else collect(x, out);
      }
    }
  };
  const deps = new Map<string, string[]>();
  for (const [id, r] of Object.entries(res)) {
    const out = new Set<string>([r.DependsOn ?? []].flat() as string[]);
    collect(r.Properties, out);
    deps.set(id, [...out].filter((d) => d in res));
  }
  const done = new Set<string>();
  const path: string[] = [];
  const visit = (id: string): string[] | undefined => {
    if (done.has(id)) return undefined;
    if (path.includes(id)) return path.slice(path.indexOf(id));
    path.push(id);
    for (const d of deps.get(id)!) {
      const cycle = visit(d);
      if (cycle) return cycle;
    }
    path.pop();
    done.add(id);
    return undefined;
  };
  for (const id of deps.keys()) {
    const cycle = visit(id);
    if (cycle) return cycle;
  }
  return undefined;
}
