export function Telemetry() {
  return <h1>Telemetry</h1>;
}
