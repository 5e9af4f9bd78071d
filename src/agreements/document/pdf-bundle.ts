import {
  PDFContext,
  PDFCrossRefSection,
  PDFDocument,
  PDFHeader,
  PDFHexString,
  PDFName,
  PDFObject,
  PDFObjectCopier,
  PDFPageLeaf,
  PDFRef,
  PDFTrailer,
  PDFTrailerDict,
} from 'pdf-lib';

type Writable = Pick<PDFObject, 'sizeInBytes' | 'copyBytesInto'>;

const bytesOf = (...parts: (Writable | string)[]): Buffer => {
  const size = parts.reduce((sum, part) => sum + (typeof part === 'string' ? Buffer.byteLength(part) : part.sizeInBytes()), 0);
  const buffer = Buffer.alloc(size);
  let offset = 0;
  for (const part of parts) offset += typeof part === 'string' ? buffer.write(part, offset, 'latin1') : part.copyBytesInto(buffer, offset);
  return buffer;
};

/**
 * PDFs one after another as one file, each starting on a new page, written as they come. The pages of each
 * source are copied with pdf-lib (never re-rendered) together with the objects they use, written out and
 * dropped, so that memory holds one source at a time however many there are; the page tree, catalogue and
 * cross-reference table follow at the end.
 */
export async function* bundlePdfs(sources: AsyncIterable<Uint8Array>, title: string): AsyncGenerator<Buffer> {
  const context = PDFContext.create();
  const [pagesRef, catalogRef, infoRef] = [context.nextRef(), context.nextRef(), context.nextRef()];
  const kids: PDFRef[] = [];
  const offsets = new Map<number, number>();
  let written = 0;
  const emit = (objects: [PDFRef, PDFObject][]): Buffer => {
    const chunk = Buffer.concat(
      objects.map(([ref, object]) => {
        const bytes = bytesOf(`${ref.objectNumber} ${ref.generationNumber} obj\n`, object, '\nendobj\n\n');
        offsets.set(ref.objectNumber, written);
        written += bytes.length;
        return bytes;
      }),
    );
    for (const [ref] of objects) context.delete(ref);
    return chunk;
  };

  const header = bytesOf(PDFHeader.forVersion(1, 7));
  written = header.length;
  yield header;
  for await (const source of sources) {
    const document = await PDFDocument.load(source, { updateMetadata: false });
    const copier = PDFObjectCopier.for(document.context, context);
    for (const page of document.getPages()) {
      const copy = copier.copy(page.node) as PDFPageLeaf;
      copy.set(PDFName.of('Parent'), pagesRef);
      kids.push(context.register(copy));
    }
    yield emit(context.enumerateIndirectObjects());
  }

  context.assign(pagesRef, context.obj({ Type: 'Pages', Kids: kids, Count: kids.length }));
  context.assign(catalogRef, context.obj({ Type: 'Catalog', Pages: pagesRef }));
  context.assign(
    infoRef,
    context.obj({ Title: PDFHexString.fromText(title), Creator: PDFHexString.fromText('Targeted Employment Class system') }),
  );
  const tail = emit(context.enumerateIndirectObjects());
  const xref = PDFCrossRefSection.create();
  for (const objectNumber of [...offsets.keys()].sort((a, b) => a - b)) xref.addEntry(PDFRef.of(objectNumber), offsets.get(objectNumber)!);
  const trailer = PDFTrailerDict.of(context.obj({ Size: context.largestObjectNumber + 1, Root: catalogRef, Info: infoRef }));
  yield Buffer.concat([tail, bytesOf(xref, '\n', trailer, '\n\n', PDFTrailer.forLastCrossRefSectionOffset(written))]);
}
