# One image for both the worker and the API (the compose file picks the command). Built from the lockfile;
# TypeScript runs through tsx, the same way `npm start` runs it.
FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production LOG_FORMAT=json
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund
COPY tsconfig.json ./
COPY infra ./infra
COPY db ./db
COPY domain ./domain
COPY workflows ./workflows
COPY activities ./activities
COPY workers ./workers
COPY api ./api
COPY services ./services
COPY audit ./audit
COPY reports ./reports
COPY messages ./messages
COPY web ./web
COPY scripts ./scripts
# The workflows bundled at build time: the worker starts without bundling them again (WORKFLOW_BUNDLE).
RUN node --import tsx scripts/bundle-workflows.ts /app/workflow-bundle.js
ENV WORKFLOW_BUNDLE=/app/workflow-bundle.js
USER node
EXPOSE 3000
CMD ["npm", "run", "api"]
