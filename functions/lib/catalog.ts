// The movie catalog as both the workers and the Node scripts read it: parsed from the shipped CSV, no fs, no Node APIs.

export interface Movie {
  movieId: number;
  title: string;
  year: number | null;
  genres: string[];
}

export interface Rating {
  userId: number;
  movieId: number;
  rating: number;
  timestamp: number;
}

/** RFC 4180 line split: titles such as "American President, The" are quoted. */
export function splitCsvLine(line: string): string[] {
  const out: string[] = [];
  let cur = "";
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        cur += '"';
        i += 1;
      } else if (ch === '"') quoted = false;
      else cur += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") {
      out.push(cur);
      cur = "";
    } else cur += ch;
  }
  out.push(cur);
  return out;
}

function rows(csv: string): string[][] {
  return csv
    .split(/\r?\n/)
    .slice(1)
    .filter((l) => l.length > 0)
    .map(splitCsvLine);
}

export function parseMovies(csv: string): Movie[] {
  return rows(csv).map(([id, title, year, genres]) => ({
    movieId: Number(id),
    title: title ?? "",
    year: year && /^\d{4}$/.test(year) ? Number(year) : null,
    genres: (genres ?? "").split("|").filter((g) => g !== "" && g !== "(no genres listed)"),
  }));
}

export function parseRatings(csv: string): Rating[] {
  return rows(csv).map(([u, m, r, t]) => ({ userId: Number(u), movieId: Number(m), rating: Number(r), timestamp: Number(t) }));
}

/** MovieLens writes "American President, The"; the natural order is what people type as a query. */
export function naturalTitle(title: string): string {
  const m = /^(.*), (The|A|An)( \(.*\))?$/.exec(title);
  return m ? `${m[2]} ${m[1]}${m[3] ?? ""}` : title;
}

/** The one text every model and the runtime index use for a movie, e.g. "Toy Story (1995) Animation Children Comedy". */
export function movieText(m: Movie): string {
  const year = m.year === null ? "" : ` (${m.year})`;
  return `${naturalTitle(m.title)}${year} ${m.genres.join(" ")}`.trim();
}
