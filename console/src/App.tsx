import { useMemo, useState } from 'react';
import { Provider } from 'urql';
import { Link, Redirect, Route, Router, Switch } from 'wouter';
import { connect, storedKey, storeKey } from './client.ts';
import { SignIn, ViewerBadge } from './pages/SignIn.tsx';
import { Executions } from './pages/Executions.tsx';
import { ExecutionPage } from './pages/Execution.tsx';
import { Webhooks } from './pages/Webhooks.tsx';
import { EventCatalogue } from './pages/EventCatalogue.tsx';
import { Telemetry } from './pages/Telemetry.tsx';
import { PersonPage, SessionPage } from './pages/People.tsx';
import { Audit } from './pages/Audit.tsx';
import { Triggers } from './pages/Triggers.tsx';
import { TriggerPage } from './pages/Trigger.tsx';

const SECTIONS = [
  ['/executions', 'Executions'],
  ['/triggers', 'Triggers'],
  ['/webhooks', 'Webhooks'],
  ['/telemetry', 'Telemetry'],
  ['/audit', 'Audit'],
] as const;

export function App() {
  const [key, setKey] = useState(storedKey);
  const connection = useMemo(() => (key ? connect(key) : null), [key]);
  const signOut = () => {
    void connection?.close();
    storeKey(null);
    setKey(null);
  };
  return (
    <Router base="/console">
      {connection ? (
        <Provider value={connection.client}>
          <header className="top">
            <strong>Switchboard</strong>
            <nav aria-label="Sections">
              {SECTIONS.map(([path, label]) => (
                <Link key={path} href={path} className={(active) => (active ? 'active' : '')}>
                  {label}
                </Link>
              ))}
            </nav>
            <ViewerBadge />
            <button type="button" onClick={signOut}>
              Sign out
            </button>
          </header>
          <main>
            <Switch>
              <Route path="/executions" component={Executions} />
              <Route path="/executions/:id" component={ExecutionPage} />
              <Route path="/triggers" component={Triggers} />
              <Route path="/triggers/:agentId/:id" component={TriggerPage} />
              <Route path="/webhooks" component={Webhooks} />
              <Route path="/webhooks/event-types" component={EventCatalogue} />
              <Route path="/telemetry" component={Telemetry} />
              <Route path="/telemetry/persons/:id" component={PersonPage} />
              <Route path="/telemetry/sessions/:id" component={SessionPage} />
              <Route path="/audit" component={Audit} />
              <Route>
                <Redirect to="/executions" />
              </Route>
            </Switch>
          </main>
        </Provider>
      ) : (
        <SignIn
          onSignIn={(signedIn) => {
            storeKey(signedIn);
            setKey(signedIn);
          }}
        />
      )}
    </Router>
  );
}
