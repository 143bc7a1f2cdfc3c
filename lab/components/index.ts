import type { Component } from "./Component.js";
import { alertmanagerComponent } from "./alertmanager.js";
import { camerasComponent } from "./cameras.js";
import { dockerEngineComponent } from "./dockerEngine.js";
import { lokiStandinComponent } from "./lokiStandin.js";
import { nodeExporterComponent } from "./nodeExporter.js";
import { prometheusComponent } from "./prometheus.js";
import { pushgatewayComponent } from "./pushgateway.js";
import { shipperComponent } from "./shipper.js";
import { sinksComponent } from "./sinks.js";
import { sshDoorComponent } from "./sshDoor.js";
import { supervisorComponent } from "./supervisor.js";

/**
 * Every lab component. Adding one is one line here: labctl orders them by `dependsOn`
 * (list order only breaks ties) and skips those whose `available()` says no.
 */
export const labComponents: readonly Component[] = [
  sinksComponent,
  alertmanagerComponent,
  pushgatewayComponent,
  nodeExporterComponent,
  camerasComponent,
  supervisorComponent,
  prometheusComponent,
  lokiStandinComponent,
  shipperComponent,
  sshDoorComponent,
  dockerEngineComponent,
];
