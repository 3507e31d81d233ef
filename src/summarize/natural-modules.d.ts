// Types for the one `natural` module paperbot imports by path (the package's own types cover only its root).
declare module "natural/lib/natural/stemmers/porter_stemmer.js" {
  const PorterStemmer: { stem(token: string): string };
  export default PorterStemmer;
}
