// Reads a text/event-stream response as the events it carries.

export interface ServerSentEvent {
  id?: string;
  event?: string;
  data: string;
}

/** The events of `response`, until the stream ends or `until` says to stop (the connection is then dropped). */
export async function readEvents(
  response: Response,
  until: (event: ServerSentEvent, all: ServerSentEvent[]) => boolean = () => false,
) {
  const events: ServerSentEvent[] = [];
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return events;
    buffer += value;
    let boundary: number;
    while ((boundary = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, boundary);
      buffer = buffer.slice(boundary + 2);
      // Comment lines (`: keep-alive`) carry no event, as EventSource reads them.
      if (block.split('\n').every((line) => line.startsWith(':'))) continue;
      const event: ServerSentEvent = { data: '' };
      for (const line of block.split('\n')) {
        const [field, ...rest] = line.split(':');
        const text = rest.join(':').replace(/^ /, '');
        if (field === 'id') event.id = text;
        else if (field === 'event') event.event = text;
        else if (field === 'data') event.data += text;
      }
      events.push(event);
      if (until(event, events)) {
        await reader.cancel();
        return events;
      }
    }
  }
}
