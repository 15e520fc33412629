export function EventCatalogue() {
  return <h1>EventCatalogue</h1>;
}
