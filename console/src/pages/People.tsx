export function PersonPage({ params }: { params: { id: string } }) {
  return <h1>Person {params.id}</h1>;
}
export function SessionPage({ params }: { params: { id: string } }) {
  return <h1>Session {params.id}</h1>;
}
