// Scores rows with onnxruntime, the tests' independent runtime for exported models.
//   node eng/onnx/score.js MODEL.onnx INPUTS.json OUTPUTS.json
// INPUTS.json: { "<input name>": { "type": "float32" | "float64" | "int32" | "int64" | "uint32" | "bool" | "string",
//                                  "dims": [rows, width], "data": [...] } }
// Non-finite numbers travel as the strings "NaN", "Infinity" and "-Infinity" (JSON has no such numbers);
// OUTPUTS.json holds every graph output in the same form.
const fs = require('fs');
const ort = require('onnxruntime-node');

const arrays = { float32: Float32Array, float64: Float64Array, int32: Int32Array, uint32: Uint32Array, int64: BigInt64Array };

function toTensor({ type, dims, data }) {
  if (type === 'string') return new ort.Tensor('string', data, dims);
  if (type === 'bool') return new ort.Tensor('bool', Uint8Array.from(data, v => (v ? 1 : 0)), dims);
  if (type === 'int64') return new ort.Tensor('int64', BigInt64Array.from(data, v => BigInt(v)), dims);
  return new ort.Tensor(type, arrays[type].from(data, Number), dims);
}

function fromTensor(tensor) {
  const data = Array.from(tensor.data, v => {
    if (typeof v === 'bigint') return Number(v);
    if (typeof v === 'number' && !Number.isFinite(v)) return String(v);
    if (typeof v === 'boolean') return v;
    return v;
  });
  return { type: tensor.type, dims: tensor.dims.map(Number), data: tensor.type === 'bool' ? data.map(v => !!v) : data };
}

async function main() {
  const [model, inputsPath, outputsPath] = process.argv.slice(2);
  const inputs = JSON.parse(fs.readFileSync(inputsPath, 'utf8'));
  const session = await ort.InferenceSession.create(model, { intraOpNumThreads: 1 });
  const feeds = {};
  for (const name of session.inputNames) {
    if (!(name in inputs)) throw new Error(`the model needs the input '${name}', which was not given`);
    feeds[name] = toTensor(inputs[name]);
  }
  const results = await session.run(feeds);
  const outputs = {};
  for (const [name, tensor] of Object.entries(results)) outputs[name] = fromTensor(tensor);
  fs.writeFileSync(outputsPath, JSON.stringify(outputs));
}

main().catch(error => { console.error(error.stack || String(error)); process.exit(1); });
