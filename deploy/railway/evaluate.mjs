// Runs the compiled .railway/railway.ts the way the Railway CLI does (the program with a context)
// and prints the project definition it returns, as JSON.
import { createRailwayContext, project } from "railway/iac";

const program = (await import("./out/railway.js")).default;
const definition = await program(
  createRailwayContext({ environment: "production", command: "plan" }),
  project,
);
process.stdout.write(JSON.stringify(definition));
