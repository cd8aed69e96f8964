// A worker whose every task fails: what the server does with an unexpected failure (issue 33).
export default async function render() {
  throw new Error('falla simulada del worker');
}
