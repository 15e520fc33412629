export function TriggerPage({ params }: { params: { agentId: string; id: string } }) {
  return <h1>Trigger {params.id}</h1>;
}
