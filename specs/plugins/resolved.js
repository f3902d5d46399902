// Lint and decorator time: a node with its $ref resolved by Redocly, relative to the file it stands in.

/** A node with its $ref resolved (relative to the file `from`), the keys beside the $ref laid over the target. */
export function resolvedAt(node, ctx, from = undefined) {
  if (!node?.$ref) return { node, from };
  const { $ref, ...beside } = node;
  const target = ctx.resolve({ $ref }, from);
  return { node: target.node && { ...target.node, ...beside }, from: target.location?.source.absoluteRef ?? from };
}
