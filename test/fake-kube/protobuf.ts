// Just enough Kubernetes protobuf to read the SelfSubjectAccessReview that kubectl's typed client
// sends as application/vnd.kubernetes.protobuf (`kubectl auth can-i`). Answers still go out as JSON.

type Fields = Map<number, Buffer[]>;

function varint(buf: Buffer, at: number): [number, number] {
  let value = 0;
  let shift = 0;
  let i = at;
  for (;;) {
    const b = buf[i++]!;
    value += (b & 0x7f) * 2 ** shift;
    if ((b & 0x80) === 0) return [value, i];
    shift += 7;
  }
}

/** Length-delimited fields of one message, by field number (varints and fixed fields are skipped). */
function fields(buf: Buffer): Fields {
  const out: Fields = new Map();
  let i = 0;
  while (i < buf.length) {
    const [tag, next] = varint(buf, i);
    i = next;
    const wire = tag & 7;
    if (wire === 0) i = varint(buf, i)[1];
    else if (wire === 1) i += 8;
    else if (wire === 5) i += 4;
    else if (wire === 2) {
      const [len, start] = varint(buf, i);
      out.set(tag >>> 3, [...(out.get(tag >>> 3) ?? []), buf.subarray(start, start + len)]);
      i = start + len;
    } else throw new Error(`unsupported protobuf wire type ${wire}`);
  }
  return out;
}

const str = (f: Fields, n: number): string => f.get(n)?.[0]?.toString('utf8') ?? '';
const msg = (f: Fields, n: number): Fields => fields(f.get(n)?.[0] ?? Buffer.alloc(0));

const MAGIC = Buffer.from([0x6b, 0x38, 0x73, 0x00]);

export function isProtobuf(contentType: string | undefined): boolean {
  return (contentType ?? '').startsWith('application/vnd.kubernetes.protobuf');
}

/** Decodes a SelfSubjectAccessReview envelope into its JSON shape ({ spec: { resourceAttributes } }). */
export function decodeAccessReview(body: Buffer): Record<string, unknown> {
  if (!body.subarray(0, 4).equals(MAGIC)) throw new Error('missing k8s protobuf magic');
  const unknown = fields(body.subarray(4));
  const review = fields(unknown.get(2)?.[0] ?? Buffer.alloc(0));
  const spec = msg(review, 2);
  const ra = spec.has(1) ? msg(spec, 1) : undefined;
  const names = ['namespace', 'verb', 'group', 'version', 'resource', 'subresource', 'name'];
  return {
    spec: ra ? { resourceAttributes: Object.fromEntries(names.map((n, i) => [n, str(ra, i + 1)]).filter(([, v]) => v !== '')) } : {},
  };
}
