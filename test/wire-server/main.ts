/** Runs the wire server by hand or from a subprocess: prints its URLs as one JSON line, stops on SIGTERM/SIGINT or stdin end. */
import { startWireServer } from './wire-server'

const port = Number(process.env.WIRE_SERVER_PORT ?? 0)
const server = await startWireServer({ port })
const { url, openaiBaseUrl, anthropicBaseUrl, geminiBaseUrl } = server
process.stdout.write(`${JSON.stringify({ url, openaiBaseUrl, anthropicBaseUrl, geminiBaseUrl })}\n`)

let stopping = false
const stop = (): void => {
  if (stopping) return
  stopping = true
  void server.close().then(() => process.exit(0))
}
process.once('SIGTERM', stop)
process.once('SIGINT', stop)
process.stdin.once('end', stop)
process.stdin.resume()
